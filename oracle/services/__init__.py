"""Oracle services: everything that writes, or must behave the same for pages and the API.

One module per job: `profiles` (people read for), `readings` (composing and storing a reading),
`sealing` (what of a stored reading is encrypted, and putting a row back together), `history`
(listing, reading, deleting, restoring, favouriting stored readings), `translation`, `location`,
`ai`, `audit_log` (the audit query).
"""
