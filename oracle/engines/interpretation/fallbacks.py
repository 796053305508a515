"""The deterministic texts of each format (simple, advice, action steps, universe message) for
each kind of single reading, in the current language: V4's, word for word, for time/sign
readings; our own for name, question and daily readings, which V4 never interpreted without AI."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from oracle.engines.i18n import language as current_language
from oracle.engines.i18n import tr, trf
from oracle.engines.interpretation.contexts import available, weekday_text


def paragraphs(*texts: str) -> str:
    """Texts as paragraphs, separated by blank lines."""
    return "\n\n".join(texts)


def _lower(text: str) -> str:
    """A day energy or quality inside a sentence: lower-cased in English (as V4), the term itself
    in Persian."""
    return text.lower() if current_language() == "en" else tr(text)


def _reading_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    """V4's fallback texts for time/sign readings, word for word (and their Persian)."""
    name, lp, zodiac, moon = ctx["name"], ctx["life_path"], ctx["zodiac_sign"], ctx["moon_phase"]
    names = {"element": tr(ctx["element"]), "animal": tr(ctx["animal"])}
    if fmt == "simple":
        text = trf("Your FC60 signature is {element} {animal} with Life Path {lp}.", **names, lp=lp)
        if available(zodiac):
            # "an Aries", "an Aquarius" (V4 wrote "a Aries"; the Persian has no article)
            template = (
                " As an {zodiac}, you carry that sign's natural gifts."
                if zodiac[:1] in "AEIOU"
                else " As a {zodiac}, you carry that sign's natural gifts."
            )
            text += trf(template, zodiac=tr(zodiac))
        return text + trf(
            " The {element} element shapes how you interact with the world, while the {animal} "
            "energy guides your instincts.",
            **names,
        )
    if fmt == "advice":
        text = trf(
            "Dear {name}, your {element} {animal} nature gives you a unique perspective. ",
            name=name,
            **names,
        ) + trf("With Life Path {lp}, you're drawn to understanding and growth. ", lp=lp)
        if available(moon):
            text += trf(
                "The current {moon} moon phase supports reflection and planning. ", moon=tr(moon)
            )
        return text + tr(
            "Trust the patterns you see — they are not coincidence. Your numerological signature "
            "suggests this is a time for thoughtful action rather than rushing forward."
        )
    if fmt == "action_steps":
        return paragraphs(
            trf(
                "**Daily Practice**: Spend 5 minutes each morning connecting with your {element} "
                "energy — notice where it shows up in your environment.",
                element=names["element"],
            ),
            trf(
                "**Decision-Making**: When faced with choices, ask yourself: 'What would "
                "{animal} energy guide me toward?' — trust your instincts.",
                animal=names["animal"],
            ),
            tr(
                "**Relationships**: Share your numerological insights with someone close to you "
                "today. Understanding each other's energetic signatures deepens connection."
            ),
        )
    return trf(
        "The universe sees {name} as a bearer of {element} energy, walking the path of {animal} "
        "with the wisdom of Life Path {lp}. Every number you encounter, every pattern that "
        "catches your eye, is the cosmos whispering its secrets to one who listens. You are not "
        "separate from the great mathematical fabric — you are woven into it, a unique thread "
        "that the pattern needs.",
        name=name,
        lp=lp,
        **names,
    )


def _with_meaning(number: str, meaning: str) -> str:
    return f"{number} ({meaning})" if available(meaning) else number


def _name_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, expression = ctx["name"], ctx["expression"]
    soul_urge, personality, lp = ctx["soul_urge"], ctx["personality"], ctx["life_path"]
    numbers = {"expression": expression, "soul_urge": soul_urge, "personality": personality}
    if fmt == "simple":
        text = trf(
            "The name {name} carries Destiny number {expression}. Its Soul Urge {soul_urge} is "
            "what the heart longs for, and its Personality {personality} is the face the world "
            "meets first.",
            name=name,
            expression=_with_meaning(expression, ctx["expression_meaning"]),
            soul_urge=_with_meaning(soul_urge, ctx["soul_urge_meaning"]),
            personality=_with_meaning(personality, ctx["personality_meaning"]),
        )
        if available(lp):
            text += trf(" Life Path {lp} is the road these gifts travel.", lp=lp)
        return text
    if fmt == "advice":
        text = trf(
            "Dear {name}, your name vibrates to the number {expression}. Lean on that strength "
            "in the choices ahead, and let your Soul Urge {soul_urge} remind you what truly "
            "matters to you. When others misread you, remember that Personality {personality} "
            "is only the doorway — the house behind it is larger.",
            name=name,
            **numbers,
        )
        if available(ctx["element"]):
            text += trf(
                " The {element} element colours how your name is heard.", element=tr(ctx["element"])
            )
        return text
    if fmt == "action_steps":
        return paragraphs(
            trf(
                "**Daily Practice**: Each morning, say your name and its Destiny number, "
                "{expression}, aloud — a small ritual to remember what you came to do.",
                expression=expression,
            ),
            trf(
                "**Decision-Making**: Before a choice, ask whether it feeds your Soul Urge "
                "{soul_urge} or only your Personality {personality} — choose what feeds the "
                "heart.",
                soul_urge=soul_urge,
                personality=personality,
            ),
            tr(
                "**Relationships**: Tell someone close what your name's numbers say about you, and "
                "ask about theirs. Names meet before people do."
            ),
        )
    return trf(
        "The universe sees {name} as a name that hums with the number {expression}. Each time "
        "it is spoken, Soul Urge {soul_urge} and Personality {personality} travel with it, a "
        "small song the cosmos recognises. A name is not an accident — it is the first word the "
        "world learned to call you by.",
        name=name,
        **numbers,
    )


_ANSWER_SENTENCES = {
    "yes": "An odd number moves forward: the way is open.",
    "no": "An even number rests: wait, or look for another way.",
    "maybe": "A master number holds both answers: the outcome is yours to shape.",
}


def _question_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, answer, number = ctx["name"], ctx["answer"], ctx["sign_number"]
    moon, stamp = ctx["moon_phase"], ctx["fc60_sign"]
    if fmt == "simple":
        text = trf(
            "The oracle answers {answer}. Your question carries the sign number {number}",
            answer=tr(answer),
            number=_with_meaning(number, ctx["sign_meaning"]),
        )
        if available(moon):
            text += trf(", asked under a {moon} moon", moon=tr(moon))
        if available(stamp):
            text += trf(" at the FC60 moment {stamp}", stamp=stamp)
        sentence = _ANSWER_SENTENCES.get(answer, "")
        return f"{text}{tr('.')} {tr(sentence) if sentence else ''}".rstrip()
    if fmt == "advice":
        text = trf(
            "Dear {name}, the answer “{answer}” is a signpost, not a verdict. The number "
            "{number} came to your question for a reason: sit with it before you act. ",
            name=name,
            answer=tr(answer),
            number=number,
        )
        if available(moon):
            text += trf(
                "The {moon} moon asks you to move with its rhythm, not against it. ", moon=tr(moon)
            )
        return text + tr("Take the step that feels honest, and watch the signs that follow.")
    if fmt == "action_steps":
        return paragraphs(
            trf(
                "**Daily Practice**: Write your question and the number {number} down this "
                "morning, and read them again tonight.",
                number=number,
            ),
            trf(
                "**Decision-Making**: Treat “{answer}” as a direction to test with one small "
                "step, not a final ruling.",
                answer=tr(answer),
            ),
            tr(
                "**Relationships**: Ask someone you trust how they see the question — a second "
                "voice often carries the missing piece."
            ),
        )
    return trf(
        "The universe sees {name} asking, and answers {answer} through the number {number}. "
        "Questions are doors the cosmos leaves ajar; the one who knocks already half knows the "
        "answer. Listen for the echo in the days ahead — it will sound like your own voice.",
        name=name,
        answer=tr(answer),
        number=number,
    )


def _daily_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, date, energy, quality = ctx["name"], ctx["date"], ctx["energy"], ctx["quality"]
    day_number, moon = ctx["day_number"], ctx["moon_phase"]
    if fmt == "simple":
        text = trf(
            "{date} is a day of {energy} — {quality}, with day number {day_number}.",
            date=date,
            energy=tr(energy),
            quality=tr(quality),
            day_number=day_number,
        )
        if available(ctx["lucky_numbers"]):
            lucky = ctx["lucky_numbers"].replace(", ", tr(", "))
            text += trf(" Your lucky numbers are {numbers}.", numbers=lucky)
        if available(moon):
            text += trf(" The {moon} moon sets the tone.", moon=tr(moon))
        if available(ctx["personal_day"]):
            text += trf(" For you it is personal day {day}.", day=ctx["personal_day"])
        return text
    if fmt == "advice":
        text = trf(
            "Dear {name}, today favours {energy}. Let {quality} guide you. ",
            name=name,
            energy=_lower(energy),
            quality=_lower(quality),
        )
        if available(ctx["weekday"]):
            text += trf(
                "It is {weekday}: use its ruling energy rather than fight it. ",
                weekday=weekday_text(ctx["weekday"]),
            )
        return text + tr("Small, steady acts today will matter more than grand plans.")
    if fmt == "action_steps":
        return paragraphs(
            trf(
                "**Daily Practice**: Begin the day by naming one thing you will do for {energy}.",
                energy=_lower(energy),
            ),
            trf(
                "**Decision-Making**: When you hesitate today, choose the option that brings "
                "{quality}.",
                quality=_lower(quality),
            ),
            trf(
                "**Relationships**: Share today's number {day_number} with someone and notice "
                "where it shows up for each of you.",
                day_number=day_number,
            ),
        )
    return trf(
        "The universe sees {name} on {date}, a day shaped by {energy} and {quality}. The number "
        "{day_number} hums beneath the hours; follow it and the day will open like a door you "
        "did not know was there.",
        name=name,
        date=date,
        energy=_lower(energy),
        quality=_lower(quality),
        day_number=day_number,
    )


# The deterministic text of a format, by kind of reading: ``FALLBACKS[kind](fmt, ctx)``.
FALLBACKS: Mapping[str, Callable[[str, Mapping[str, str]], str]] = MappingProxyType(
    {
        "reading": _reading_fallback,
        "name": _name_fallback,
        "question": _question_fallback,
        "daily": _daily_fallback,
    }
)
