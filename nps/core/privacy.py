"""The mask shown in place of a private text to someone who may not read it.

Who may read what is `Principal.may_read_private_texts` (the owner, or an admin); this is only
what the others see — the same on pages, in the API and in the admin console.
"""

MASK = "••••••"


def masked(value):
    """The mask for a text that is there; an empty or absent one stays as it is."""
    return MASK if value else value
