"""Reading: every input form -> raw cards -> ``Feed``."""
