"""The oracle's page forms: one module per page (profiles, consultation)."""
