"""The public site: home, agenda pages, error pages, and the helpers every
page uses to show bilingual text and Markdown safely."""
