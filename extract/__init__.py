"""vnextract: information extraction for Vietnamese press articles."""
__version__ = "0.1.0"
