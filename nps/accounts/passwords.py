"""How strong a new password must be: zxcvbn's estimate of how many guesses it takes.

Django's `CommonPasswordValidator` knows 20,000 passwords and accepts `Summer2026` or `dave1234`;
zxcvbn also knows English words, names, surnames, keyboard walks, dates, years and l33t
substitutions, and scores what a password is built of (0 = guessed at once … 4 = very hard).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# zxcvbn refuses longer input (its matching is quadratic); a password whose first 72
# characters are strong is strong, and one whose first 72 are weak is refused.
ZXCVBN_MAX_LENGTH = 72
USER_ATTRIBUTES = ("username", "email", "first_name", "last_name")


class GuessablePasswordValidator:
    """Refuses a password zxcvbn scores below `min_score` (3: "safely unguessable", about 10^8
    guesses), counting the account's own name and e-mail address as known words."""

    def __init__(self, min_score: int = 3) -> None:
        self.min_score = min_score

    def validate(self, password: str, user=None) -> None:
        known = [
            str(value) for name in USER_ATTRIBUTES if (value := getattr(user, name, None) or "")
        ]
        # An e-mail's local part is what people reuse ("dave" of dave@example.com).
        known += [value.partition("@")[0] for value in known if "@" in value]
        result = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=known)
        if result["score"] < self.min_score:
            raise ValidationError(
                _(
                    "This password is too easy to guess: it is common, or built of a word, a "
                    "name or a date and a few digits. Use three or four uncommon words, or a "
                    "longer password."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("Your password must not be easy to guess (a common word, name or date).")
