"""Oracle services: everything that writes, or must behave the same for pages and the API.

One module per area: `profiles` (people read for), `readings` (computing and storing readings,
history), `translation`, `location`, `ai`.
"""
