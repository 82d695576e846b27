"""Streamlit helpers every page shares: cached resources, session state, safe text."""
