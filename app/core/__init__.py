"""The Plone-style core shared by every feature: errors, permissions, workflow, versions, Markdown."""
