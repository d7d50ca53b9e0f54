"""Renderers: a Feed back out as the text, markdown and HTML pages the readers read."""
