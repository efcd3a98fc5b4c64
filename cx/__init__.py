"""Loyalty Loop: the logic, importable without Streamlit (docs/architecture.md)."""
__all__: list[str] = []
