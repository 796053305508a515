"""The oracle's pages: one module per page (profiles, consultation) with its view functions."""
