"""The KIM Pathways domain: pure Python, free of any user interface."""
