// http::personalize: the caller's blocks, CSRF token and address filled into a rendered page
// in one pass, and everything else copied byte for byte.
#include "http/personalize.hpp"

#include <gtest/gtest.h>

#include "http/templates.hpp"

namespace carepilot::http {
namespace {

std::string page(const std::string& content) {
  return std::string(kMarkPrefix) + "N1-->" + content;
}

Caller reader(bool signed_in) {
  Caller c;
  c.role = Role::establishment_reader;
  c.scope = Scope::establishment(7);
  c.signed_in = signed_in;
  c.user = signed_in ? "a&b@x.fr" : "";
  c.csrf = signed_in ? "tok\"1" : "";
  return c;
}

TEST(Personalize, BodyWithoutTheMarkIsUnchanged) {
  const std::string body = "<p>cp-csrf-N1 <!--cp-if-N1:signed_in-->x<!--/cp-if-N1:signed_in--></p>";
  EXPECT_EQ(personalize(body, reader(true)), body);
  EXPECT_EQ(personalize("", reader(true)), "");
  // A mark without its end is not a mark.
  EXPECT_EQ(personalize(std::string(kMarkPrefix) + "N1", reader(true)),
            std::string(kMarkPrefix) + "N1");
}

TEST(Personalize, FillsTheTokenAndAddressEscaped) {
  EXPECT_EQ(personalize(page("<input value=\"cp-csrf-N1\"> cp-user-N1 cp-csrf-N1."), reader(true)),
            "<input value=\"tok&quot;1\"> a&amp;b@x.fr tok&quot;1.");
  // Another render's nonce is text.
  EXPECT_EQ(personalize(page("cp-csrf-N2"), reader(true)), "cp-csrf-N2");
}

TEST(Personalize, KeepsOrDropsBlocksByTheCallersRights) {
  const std::string body = page(
      "a<!--cp-if-N1:signed_in-->[in cp-user-N1]<!--/cp-if-N1:signed_in-->b"
      "<!--cp-if-N1:manage_users-->[users]<!--/cp-if-N1:manage_users-->c");
  EXPECT_EQ(personalize(body, reader(true)), "a[in a&amp;b@x.fr]bc");
  EXPECT_EQ(personalize(body, reader(false)), "abc");
  Caller admin = reader(true);
  admin.role = Role::national_admin;
  admin.scope = Scope::nation();
  EXPECT_EQ(personalize(body, admin), "a[in a&amp;b@x.fr]b[users]c");
  // An unknown name is never granted.
  EXPECT_EQ(personalize(page("<!--cp-if-N1:nope-->x<!--/cp-if-N1:nope-->y"), admin), "y");
}

// Issue 12 (trial): an act that needs the second factor (withdraw, declare) is offered only to
// a caller who passed it; the others read how to enrol instead.
TEST(Personalize, SecondFactorBlocks) {
  const std::string body = page(
      "<!--cp-if-N1:edit_records--><!--cp-if-N1:second_factor-->[retirer]"
      "<!--/cp-if-N1:second_factor--><!--cp-if-N1:no_second_factor-->[activer]"
      "<!--/cp-if-N1:no_second_factor--><!--/cp-if-N1:edit_records-->.");
  Caller editor = reader(true);
  editor.role = Role::establishment_editor;
  editor.second_factor = false;
  EXPECT_EQ(personalize(body, editor), "[activer].");
  editor.second_factor = true;
  EXPECT_EQ(personalize(body, editor), "[retirer].");
  Caller r = reader(true);
  r.second_factor = true;
  EXPECT_EQ(personalize(body, r), ".");
  EXPECT_EQ(personalize(body, reader(false)), ".");
}

TEST(Personalize, NestedBlocks) {
  const std::string body = page(
      "<!--cp-if-N1:signed_in-->1<!--cp-if-N1:manage_users-->2<!--/cp-if-N1:manage_users-->3"
      "<!--/cp-if-N1:signed_in-->4");
  EXPECT_EQ(personalize(body, reader(true)), "134");
  EXPECT_EQ(personalize(body, reader(false)), "4");
  // The same name nested: each opening ends at the first closing not yet taken.
  const std::string same = page(
      "<!--cp-if-N1:signed_in-->a<!--/cp-if-N1:signed_in-->b"
      "<!--cp-if-N1:signed_in-->c<!--/cp-if-N1:signed_in-->");
  EXPECT_EQ(personalize(same, reader(true)), "abc");
  EXPECT_EQ(personalize(same, reader(false)), "b");
}

TEST(Personalize, UnclosedBlockStopsTheBlocksButNotTheTokens) {
  EXPECT_EQ(personalize(page("x<!--cp-if-N1:signed_in-->y cp-csrf-N1"), reader(true)),
            "x<!--cp-if-N1:signed_in-->y tok&quot;1");
}

}  // namespace
}  // namespace carepilot::http
