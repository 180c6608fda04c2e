{{%AUTOESCAPE context="HTML"}}<h1>Plan du site</h1>
{{#SECTION}}<h2>{{HEADING}}</h2>
<ul data-testid="sitemap-{{KEY}}">
{{#LINK}}  <li><a href="{{HREF}}">{{LABEL}}</a></li>
{{/LINK}}</ul>
{{/SECTION}}
