// The assessment's attachments are checked and stored as every uploaded file
// (common/attachment.hpp); its refusals name the field `attachment` (codes assessment.*).
#pragma once

#include "common/attachment.hpp"

namespace carepilot::assessment {

using files::base64_decode;
using files::base64_encode;
using files::check_attachment;
using files::CheckedFile;
using files::content_disposition;
using files::kMaxAttachmentBytes;

}  // namespace carepilot::assessment
