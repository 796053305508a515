TEXTS_FA: dict[str, str] = {}
TERMS_FA: dict[str, str] = {}
