"""The Persian of everything the engines write (English → Persian), read by :mod:`.i18n`.

Two tables:

* ``TERMS_FA`` — the short names that stay English *keys* in a response (animal, element,
  polarity, moon phase, zodiac sign/element/quality/planet, weekday, Gānzhī stem and branch,
  numerology system, answer, day energy, role, archetype, classification, hour quality). The pages
  show them through the ``|term`` filter, and the prose builders embed them through ``tr``: one
  Persian spelling for each, in one place.
* ``TEXTS_FA`` — prose: the meanings of the tables, the lines of the reading texts, the
  synchronicities, the interpretation and the group texts. A text with values is the English
  *template* with ``{placeholders}``; its Persian has the same placeholders (in Persian order)
  and is formatted after translating.

Conventions (keep them when adding entries):

* Numerology: عدد مسیر زندگی (life path), عدد بیان (expression, «سرنوشت» for destiny), عدد روح
  (soul urge), عدد شخصیت (personality), سال/ماه/روز شخصی, عدد استاد (master number).
* The Western zodiac with the traditional Arabic-Persian names of Persian astrology (حمل، ثور،
  جوزا، سرطان، اسد، سنبله، میزان، عقرب، قوس، جدی، دلو، حوت); the planets by their Persian names
  (زهره، مریخ، عطارد، مشتری، زحل …).
* The moon: ماه نو، هلال فزاینده، تربیع اول، کوژ فزاینده، بدر، کوژ کاهنده، تربیع دوم، هلال کاهنده.
* FC60's twelve animals as in the Persian (ترکی/چینی) animal years — موش، گاو، ببر، خرگوش، اژدها،
  مار، اسب، بز، میمون، خروس، سگ، خوک — and the five elements of Wu Xing: چوب، آتش، خاک، فلز، آب.
* Gānzhī stems and branches are transliterated into Persian letters; Chinese characters stay.
* FC60 tokens and stamps, and digits, are left as the engines write them: the pages keep tokens
  Latin and left-to-right, and show digits in Persian.
"""

from __future__ import annotations

TERMS_FA: dict[str, str] = {
    # FC60 animals
    "Rat": "موش",
    "Ox": "گاو",
    "Tiger": "ببر",
    "Rabbit": "خرگوش",
    "Dragon": "اژدها",
    "Snake": "مار",
    "Horse": "اسب",
    "Goat": "بز",
    "Monkey": "میمون",
    "Rooster": "خروس",
    "Dog": "سگ",
    "Pig": "خوک",
    # Wu Xing elements (and the zodiac's air)
    "Wood": "چوب",
    "Fire": "آتش",
    "Earth": "خاک",
    "Metal": "فلز",
    "Water": "آب",
    "Air": "هوا",
    # polarity
    "Yang": "یانگ",
    "Yin": "یین",
    # moon phases
    "New Moon": "ماه نو",
    "Waxing Crescent": "هلال فزاینده",
    "First Quarter": "تربیع اول",
    "Waxing Gibbous": "کوژ فزاینده",
    "Full Moon": "بدر",
    "Waning Gibbous": "کوژ کاهنده",
    "Last Quarter": "تربیع دوم",
    "Waning Crescent": "هلال کاهنده",
    # zodiac signs
    "Aries": "حمل",
    "Taurus": "ثور",
    "Gemini": "جوزا",
    "Cancer": "سرطان",
    "Leo": "اسد",
    "Virgo": "سنبله",
    "Libra": "میزان",
    "Scorpio": "عقرب",
    "Sagittarius": "قوس",
    "Capricorn": "جدی",
    "Aquarius": "دلو",
    "Pisces": "حوت",
    "Unknown": "نامعلوم",
    # zodiac qualities
    "Cardinal": "اصلی",
    "Fixed": "ثابت",
    "Mutable": "متغیر",
    # planets (ruling planets; weekday planets carry their symbol)
    "Sun": "خورشید",
    "Moon": "ماه",
    "Mars": "مریخ",
    "Mercury": "عطارد",
    "Jupiter": "مشتری",
    "Venus": "زهره",
    "Saturn": "زحل",
    "Uranus": "اورانوس",
    "Neptune": "نپتون",
    "Pluto": "پلوتو",
    "Sun ☉": "خورشید ☉",
    "Moon ☽": "ماه ☽",
    "Mars ♂": "مریخ ♂",
    "Mercury ☿": "عطارد ☿",
    "Jupiter ♃": "مشتری ♃",
    "Venus ♀": "زهره ♀",
    "Saturn ♄": "زحل ♄",
    # weekdays
    "Sunday": "یکشنبه",
    "Monday": "دوشنبه",
    "Tuesday": "سه‌شنبه",
    "Wednesday": "چهارشنبه",
    "Thursday": "پنجشنبه",
    "Friday": "جمعه",
    "Saturday": "شنبه",
    # Gānzhī heavenly stems and earthly branches (pinyin → Persian letters)
    "Jiǎ": "جیا",
    "Yǐ": "یی",
    "Bǐng": "بینگ",
    "Dīng": "دینگ",
    "Wù": "وو",
    "Jǐ": "جی",
    "Gēng": "گِنگ",
    "Xīn": "شین",
    "Rén": "رِن",
    "Guǐ": "گویی",
    "Zi": "زی",
    "Chou": "چو",
    "Mao": "مائو",
    "Chen": "چِن",
    "Si": "سی",
    "Wu": "وو",
    "Wei": "وِی",
    "Shen": "شِن",
    "You": "یو",
    "Xu": "شو",
    "Hai": "های",
    # numerology systems (keys and titles)
    "pythagorean": "فیثاغورسی",
    "chaldean": "کلدانی",
    "abjad": "ابجد",
    "auto": "خودکار",
    "Pythagorean": "فیثاغورسی",
    "Chaldean": "کلدانی",
    "Abjad": "ابجد",
    # the question's answer
    "yes": "بله",
    "no": "خیر",
    "maybe": "شاید",
    # day energies and qualities of the daily reading
    "New beginnings": "آغازهای نو",
    "Initiative": "ابتکار",
    "Partnership": "همراهی",
    "Balance": "تعادل",
    "Creativity": "خلاقیت",
    "Expression": "بیان",
    "Foundation": "پی‌ریزی",
    "Structure": "ساختار",
    "Change": "دگرگونی",
    "Freedom": "آزادی",
    "Harmony": "هماهنگی",
    "Responsibility": "مسئولیت",
    "Reflection": "تأمل",
    "Wisdom": "خرد",
    "Power": "توانمندی",
    "Abundance": "فراوانی",
    "Completion": "به‌سرانجام‌رسیدن",
    "Universal love": "عشق فراگیر",
    "Illumination": "روشن‌بینی",
    "Mastery": "استادی",
    "Master builder": "سازندهٔ استاد",
    "Vision": "چشم‌انداز",
    "Master teacher": "آموزگار استاد",
    "Compassion": "شفقت",
    "Unique energy": "انرژی یگانه",
    "Exploration": "کاوش",
    # group roles
    "Leader": "رهبر",
    "Supporter": "پشتیبان",
    "Challenger": "چالشگر",
    "Harmonizer": "هماهنگ‌کننده",
    # group archetypes
    "Complementary Duo": "زوج مکمل",
    "Collaborative Builders": "سازندگان همدل",
    "Dynamic Innovators": "نوآوران پرشور",
    "Strategic Thinkers": "اندیشمندان راهبردی",
    "Action Catalysts": "پیشرانان عمل",
    "Growth Explorers": "کاوشگران رشد",
    "Balanced Harmonizers": "هماهنگ‌کنندگان متعادل",
    "Master Collective": "جمع اعداد استاد",
    # compatibility classes (engine's capitalised names and the pictures' lower-case bands)
    "Excellent": "عالی",
    "Good": "خوب",
    "Neutral": "میانه",
    "Challenging": "چالش‌برانگیز",
    "excellent": "عالی",
    "good": "خوب",
    "neutral": "میانه",
    "challenging": "چالش‌برانگیز",
    # timing advisor's hour qualities
    "fair": "متوسط",
    "poor": "ضعیف",
    # booleans written into the timing advisor's reasoning
    "True": "بله",
    "False": "خیر",
}

TEXTS_FA: dict[str, str] = {
    # ---------------------------------------------------------------- punctuation and glue
    ", ": "، ",
    "; ": "؛ ",
    ".": ".",
    "(not available)": "(نامشخص)",
    "Seeker": "جوینده",
    "{element} {animal}": "{animal} {element}",
    # ---------------------------------------------------------------- number meanings (T10)
    "Independence, leadership, new beginnings, self-reliance": (
        "استقلال، رهبری، آغازهای نو، اتکا به خود"
    ),
    "Partnership, balance, diplomacy, sensitivity": "همراهی، تعادل، مدارا، حساسیت",
    "Creativity, expression, joy, communication": "خلاقیت، بیان، شادی، ارتباط",
    "Stability, structure, hard work, foundation": "ثبات، ساختار، سخت‌کوشی، بنیان",
    "Freedom, change, adventure, versatility": "آزادی، دگرگونی، ماجراجویی، انعطاف",
    "Harmony, nurturing, responsibility, love": "هماهنگی، پرورش، مسئولیت، عشق",
    "Spirituality, introspection, wisdom, analysis": "معنویت، درون‌نگری، خرد، تحلیل",
    "Power, abundance, achievement, material mastery": (
        "قدرت، فراوانی، کامیابی، چیرگی بر امور مادی"
    ),
    "Completion, humanitarianism, wisdom, letting go": "کمال، نوع‌دوستی، خرد، رها کردن",
    "Intuition, spiritual insight, illumination (Master Number)": (
        "شهود، بینش معنوی، روشن‌بینی (عدد استاد)"
    ),
    "Master builder, large-scale vision, practical idealism (Master Number)": (
        "سازندهٔ استاد، چشم‌انداز بزرگ، آرمان‌گرایی عملی (عدد استاد)"
    ),
    "Master teacher, compassion, healing, selfless service (Master Number)": (
        "آموزگار استاد، شفقت، شفابخشی، خدمت بی‌چشم‌داشت (عدد استاد)"
    ),
    "Number {n} — explore its unique vibration": "عدد {n} — ارتعاش یگانه‌اش را بکاو",
    # ---------------------------------------------------------------- life path meanings (T9)
    "The Pioneer": "پیشگام",
    "Lead, start, go first": "رهبری کن، آغاز کن، پیشاپیش برو",
    "The Bridge": "پل",
    "Connect, harmonize, feel": "پیوند بده، هماهنگ کن، احساس کن",
    "The Voice": "صدا",
    "Create, express, beautify": "بیافرین، بیان کن، زیبا کن",
    "The Architect": "معمار",
    "Build, structure, stabilize": "بساز، سامان بده، پایدار کن",
    "The Explorer": "کاوشگر",
    "Change, adapt, experience": "دگرگون شو، سازگار شو، تجربه کن",
    "The Guardian": "نگهبان",
    "Nurture, heal, protect": "بپرور، شفا بده، پاسداری کن",
    "The Seeker": "جوینده",
    "Question, analyze, find meaning": "بپرس، بکاو، معنا را بیاب",
    "The Powerhouse": "نیروگاه",
    "Master, achieve, build legacy": "چیره شو، به دست آور، میراث بساز",
    "The Sage": "فرزانه",
    "Complete, teach, transcend": "به کمال برسان، بیاموز، فراتر برو",
    "The Visionary": "آینده‌نگر",
    "See what hasn't been built (master)": "آنچه هنوز ساخته نشده را ببین (استاد)",
    "The Master Builder": "سازندهٔ استاد",
    "Turn impossible visions into reality (master)": ("رؤیاهای ناممکن را به واقعیت بدل کن (استاد)"),
    "The Master Teacher": "آموزگار استاد",
    "Heal through compassionate leadership (master)": "با رهبری مهربانانه شفا بده (استاد)",
    # ---------------------------------------------------------------- angel numbers (T11)
    "New beginnings, manifestation": "آغازهای نو، تجلی خواسته‌ها",
    "Balance, partnership, trust the process": "تعادل، همراهی، به روند اعتماد کن",
    "Ascended masters, creativity, growth": "استادان عروج‌یافته، خلاقیت، رشد",
    "Angels present, foundation, protection": "فرشتگان حاضرند، بنیان، پناه",
    "Major change coming, transformation": "دگرگونی بزرگی در راه است، تحول",
    "Rebalance material/spiritual, self-reflection": ("تعادل دوباره میان مادی و معنوی، خودنگری"),
    "Divine luck, spiritual awakening": "بخت الهی، بیداری معنوی",
    "Abundance, financial flow, infinity": "فراوانی، جریان مالی، بی‌کرانی",
    "Completion, ending of a cycle": "کمال، پایان یک چرخه",
    "Gateway, make a wish, alignment": "دروازه، آرزو کن، همسویی",
    "Stepping into your power": "گام نهادن در توانمندی خویش",
    "Simplify, step by step progress": "ساده کن، پیشرفت گام‌به‌گام",
    # ---------------------------------------------------------------- mirror numbers (T12)
    "Return to origin": "بازگشت به سرچشمه",
    "Patience and diplomacy": "شکیبایی و مدارا",
    "Creative expression": "بیان خلاق",
    "Foundation building": "پی‌ریزی بنیان",
    "Freedom and change": "آزادی و دگرگونی",
    "New cycle beginning": "آغاز چرخه‌ای نو",
    "Balance of giving and receiving": "تعادل بخشیدن و گرفتن",
    "Creative transformation": "دگرگونی خلاق",
    "Stable change": "دگرگونی پایدار",
    "Adventurous foundation": "بنیانی ماجراجو",
    "Partnership reflections": "بازتاب‌های همراهی",
    "Leadership in harmony": "رهبری در هماهنگی",
    "Expressive stability": "ثباتی گویا",
    # ---------------------------------------------------------------- FC60 meanings (T15)
    "Venus — love, beauty, harmony, attraction": "زهره — عشق، زیبایی، هماهنگی، کشش",
    "Ox — strength, patience, steady progress": "گاو — نیرو، شکیبایی، پیشرفت پیوسته",
    "Moon — intuition, cycles, hidden knowledge": "ماه — شهود، چرخه‌ها، دانش پنهان",
    "Tiger — courage, passion, unpredictability": "ببر — دلیری، شور، پیش‌بینی‌ناپذیری",
    "Mars — action, drive, warrior energy": "مریخ — عمل، انگیزه، انرژی جنگاور",
    "Rabbit — gentleness, luck, quick thinking": "خرگوش — نرمی، بخت، تیزاندیشی",
    "Mercury — communication, trade, cleverness": "عطارد — ارتباط، داد و ستد، زیرکی",
    "Dragon — power, transformation, magic": "اژدها — قدرت، دگرگونی، جادو",
    "Jupiter — expansion, wisdom, abundance": "مشتری — گسترش، خرد، فراوانی",
    "Snake — wisdom, healing, transformation": "مار — خرد، شفا، دگرگونی",
    "Saturn — discipline, karma, boundaries": "زحل — انضباط، کارما، مرزها",
    "Horse — freedom, adventure, speed": "اسب — آزادی، ماجراجویی، شتاب",
    "Sun — vitality, success, consciousness": "خورشید — سرزندگی، کامیابی، آگاهی",
    "Goat — creativity, peace, nurturing": "بز — خلاقیت، آرامش، پرورش",
    "Uranus — innovation, disruption, awakening": "اورانوس — نوآوری، برهم‌زدن، بیداری",
    "Monkey — wit, adaptability, resourcefulness": "میمون — نکته‌سنجی، سازگاری، چاره‌گری",
    "Neptune — dreams, spirituality, illusion": "نپتون — رؤیا، معنویت، پندار",
    "Rooster — precision, honesty, confidence": "خروس — دقت، راستی، اعتمادبه‌نفس",
    "Pluto — rebirth, depth, hidden power": "پلوتو — زایش دوباره، ژرفا، نیروی پنهان",
    "Dog — loyalty, protection, truth": "سگ — وفاداری، پاسداری، حقیقت",
    "Node — destiny, karmic crossroads": "گره — تقدیر، دوراهی کارمایی",
    "Pig — generosity, enjoyment, completion": "خوک — بخشندگی، کامیابی از زندگی، کمال",
    "Rat — instinct, resourcefulness, sharp perception": "موش — غریزه، چاره‌گری، ادراک تیز",
    # ---------------------------------------------------------------- combined meanings (T16)
    "Love meets intuition — trust your heart's deeper knowing": (
        "عشق با شهود دیدار می‌کند — به دانایی ژرف دلت اعتماد کن"
    ),
    "Double fire — bold action with passionate courage": "آتش دوچندان — کنشی بی‌باک با دلیری پرشور",
    "Expansion meets light — a time of great opportunity": (
        "گسترش با نور دیدار می‌کند — هنگامهٔ فرصت‌های بزرگ"
    ),
    "Deep transformation through discipline — rebirth through patience": (
        "دگرگونی ژرف از راه انضباط — زایش دوباره با شکیبایی"
    ),
    "Lightning insight — sudden breakthroughs in understanding": (
        "بینشی چون آذرخش — گشایش‌های ناگهانی در فهم"
    ),
    "Dreams within dreams — heightened psychic sensitivity": ("رؤیا در رؤیا — حساسیت روانی افزون"),
    "Abundance in love — generosity and harmony flow freely": (
        "فراوانی در عشق — بخشندگی و هماهنگی آزادانه روان‌اند"
    ),
    "Controlled power — strategic action with lasting results": (
        "قدرتِ مهارشده — کنشی سنجیده با نتیجه‌های ماندگار"
    ),
    "Conscious and unconscious unite — wholeness and clarity": (
        "خودآگاه و ناخودآگاه یکی می‌شوند — یکپارچگی و روشنی"
    ),
    "Wisdom expressed — teaching, learning, sharing knowledge": (
        "خردِ بیان‌شده — آموختن، آموزاندن، بخشیدن دانش"
    ),
    "No code provided": "کدی داده نشده است",
    "Unknown FC60 symbol: {code}": "نماد ناشناختهٔ FC60: {code}",
    # ---------------------------------------------------------------- moon and weekday meanings
    "New beginnings, planting seeds": "آغازهای نو، کاشتن بذر",
    "Setting intentions, building": "نیت کردن، ساختن",
    "Challenges, decisions, action": "چالش‌ها، تصمیم‌ها، عمل",
    "Refinement, patience, almost there": "پالایش، شکیبایی، نزدیک به مقصد",
    "Culmination, illumination, release": "اوج، روشنایی، رهایی",
    "Gratitude, sharing, distribution": "سپاس، سهیم شدن، بخشیدن",
    "Letting go, forgiveness, release": "رها کردن، بخشایش، آزادی",
    "Rest, reflection, preparation": "آسودن، تأمل، آماده شدن",
    "Identity, vitality, core self": "هویت، سرزندگی، خودِ درونی",
    "Emotions, intuition, inner world": "احساسات، شهود، جهان درون",
    "Drive, action, courage": "انگیزه، عمل، دلیری",
    "Communication, thought, connection": "ارتباط، اندیشه، پیوند",
    "Expansion, wisdom, abundance": "گسترش، خرد، فراوانی",
    "Love, values, beauty": "عشق، ارزش‌ها، زیبایی",
    "Discipline, lessons, mastery": "انضباط، درس‌ها، استادی",
    # ---------------------------------------------------------------- synchronicities
    "Angel number {n}: {meaning}": "عدد فرشته {n}: {meaning}",
    "Mirror number {mirror}: {meaning}": "عدد آینه‌ای {mirror}: {meaning}",
    "Mirror time {mirror}: {meaning}": "ساعت آینه‌ای {mirror}: {meaning}",
    "Repeating digit pattern {n}: the digit {digit} repeated {count} times amplifies its energy": (
        "الگوی رقم تکراری {n}: رقم {digit} که {count} بار تکرار شده، انرژی‌اش را افزون می‌کند"
    ),
    "Palindrome {n}: reflection pattern, what you send out returns": (
        "عدد قرینه {n}: الگوی بازتاب؛ آنچه می‌فرستی بازمی‌گردد"
    ),
    "Ascending sequence {n}: forward momentum, step-by-step progress": (
        "دنبالهٔ صعودی {n}: شتاب رو به جلو، پیشرفت گام‌به‌گام"
    ),
    "Descending sequence {n}: release, letting go, simplification": (
        "دنبالهٔ نزولی {n}: رهایی، رها کردن، ساده‌سازی"
    ),
    "Repeated appearance of {a}: this number demands attention": (
        "تکرار عدد {a}: این عدد توجه می‌طلبد"
    ),
    "{a} + {b} = {total} (angel number): {meaning}": "{a} + {b} = {total} (عدد فرشته): {meaning}",
    "{a} (reduces to {ra}) + {b} (reduces to {rb}) = 9: completion pair, karmic balance": (
        "{a} (کاهش به {ra}) + {b} (کاهش به {rb}) = 9: جفت کمال، تعادل کارمایی"
    ),
    # ---------------------------------------------------------------- the sign reading's text
    "=== ORACLE READING ===": "=== خوانش پیشگو ===",
    "-- Numerology --": "-- علم اعداد --",
    ", a master number": "، عدد استاد",
    "  {value} -> reduces to {reduced}{tag}": "  {value} ← کاهش به {reduced}{tag}",
    "    Meaning: {meaning}": "    معنا: {meaning}",
    "-- Chaldean Numerology --": "-- علم اعداد کلدانی --",
    "  Text reduces to: {value}": "  متن کاهش می‌یابد به: {value}",
    "  Meaning: {meaning}": "  معنا: {meaning}",
    "-- Angel Numbers --": "-- اعداد فرشته --",
    "-- FC60 Encoding --": "-- رمزگذاری FC60 --",
    "  Stamp: {stamp}": "  مهر: {stamp}",
    "  Day: {weekday} ({planet})": "  روز: {weekday} ({planet})",
    "  Domain: {domain}": "  قلمرو: {domain}",
    "-- Moon Phase --": "-- اهلّهٔ ماه --",
    "  {emoji} {phase_name} ({illumination:.0f}% illuminated)": (
        "  {phase_name} ({illumination:.0f}٪ روشن)"
    ),
    "  Energy: {meaning}": "  انرژی: {meaning}",
    "-- Western Zodiac --": "-- منطقةالبروج غربی --",
    "  {sign} ({element} / {quality})": "  {sign} ({element} / {quality})",
    "  Ruler: {planet}": "  سیارهٔ حاکم: {planet}",
    "-- Chinese Cosmology --": "-- کیهان‌شناسی چینی --",
    "  Year: {year}": "  سال: {year}",
    "  Hour: {animal} ({branch})": "  ساعت: {animal} ({branch})",
    "  Element: {element} ({polarity})": "  عنصر: {element} ({polarity})",
    "-- Synchronicities --": "-- همزمانی‌ها --",
    "Reading assembled from {systems} system(s) with {count} synchronicity detected.": (
        "این خوانش از {systems} نظام ساخته شد و {count} همزمانی در آن یافت شد."
    ),
    "Reading assembled from {systems} system(s) with {count} synchronicities detected.": (
        "این خوانش از {systems} نظام ساخته شد و {count} همزمانی در آن یافت شد."
    ),
    # ---------------------------------------------------------------- the name reading's text
    "No name provided": "نامی داده نشده است",
    "No name provided for reading.": "نامی برای خوانش داده نشده است.",
    "=== NAME READING: {name} ===": "=== خوانش نام: {name} ===",
    "-- {system} Numerology --": "-- علم اعداد {system} --",
    "  Expression (full name): {number} - {meaning}": "  عدد بیان (نام کامل): {number} - {meaning}",
    "  Soul Urge (vowels): {number} - {meaning}": "  عدد روح (واکه‌ها): {number} - {meaning}",
    "  Personality (consonants): {number} - {meaning}": (
        "  عدد شخصیت (همخوان‌ها): {number} - {meaning}"
    ),
    "  Life Path: {number} - {meaning}": "  عدد مسیر زندگی: {number} - {meaning}",
    "  Chaldean value: {number} - {meaning}": "  ارزش کلدانی: {number} - {meaning}",
    "  Breakdown: {breakdown}": "  ریز محاسبه: {breakdown}",
    "  Chaldean counts Latin letters; this name is read with Abjad above.": (
        "  نظام کلدانی تنها حروف لاتین را می‌شمارد؛ این نام در بالا با ابجد خوانده شد."
    ),
    "-- Birthday Zodiac --": "-- برج تولد --",
    "  {sign} ({element} / {quality}), ruled by {planet}": (
        "  {sign} ({element} / {quality})، با سیارهٔ حاکم {planet}"
    ),
    "-- Mother's Influence --": "-- اثر نام مادر --",
    "  Expression: {number} - {meaning}": "  عدد بیان: {number} - {meaning}",
    "  Chaldean: {number}": "  کلدانی: {number}",
    "Both Pythagorean and Chaldean systems agree on the core number {0}"
    " — a strong, unified vibration.": (
        "هر دو نظام فیثاغورسی و کلدانی بر عدد بنیادین {0} هم‌رأی‌اند — ارتعاشی نیرومند و یکپارچه."
    ),
    "Pythagorean ({0}) and Chaldean ({1}) differ — this suggests a multifaceted nature with both an"
    " outer expression and a deeper inner current.": (
        "عدد فیثاغورسی ({0}) و کلدانی ({1}) با هم فرق دارند — نشان سرشتی چندوجهی، با جلوه‌ای "
        "بیرونی و جریانی ژرف‌تر در درون."
    ),
    # ---------------------------------------------------------------- question and daily texts
    "Numerology: {meanings}": "علم اعداد: {meanings}",
    "FC60: {code} ({meaning})": "FC60: {code} ({meaning})",
    "Moon: {phase_name} ({illumination:.0f}% illuminated) — {meaning}": (
        "ماه: {phase_name} ({illumination:.0f}٪ روشن) — {meaning}"
    ),
    "Synchronicity detected: {synchronicity}": "همزمانی یافت شد: {synchronicity}",
    "The numbers carry their message — reflect on what drew your attention": (
        "اعداد پیام خود را دارند — به آنچه توجهت را جلب کرد بیندیش"
    ),
    "No numbers in your question — focus on the feeling, not the logic": (
        "پرسشت عددی ندارد — بر احساس تمرکز کن، نه بر منطق"
    ),
    "Day of {energy} — {quality}. Day number: {day_number} | FC60: {code} ({meaning}) | {moon}": (
        "روز {energy} — {quality}. عدد روز: {day_number} | FC60: {code} ({meaning}) | {moon}"
    ),
    # ---------------------------------------------------------------- the timing advisor
    "Moon: {phase} ({illumination:.0f}% illum, score {score:.1f})": (
        "ماه: {phase} ({illumination:.0f}٪ روشن، امتیاز {score:.1f})"
    ),
    "Day number: {number} (master={master}, score {score:.1f})": (
        "عدد روز: {number} (عدد استاد: {master}، امتیاز {score:.1f})"
    ),
    "Hour {hour} (reduces to {reduced}, score {score:.1f})": (
        "ساعت {hour} (کاهش به {reduced}، امتیاز {score:.1f})"
    ),
    "Weekday: {planet} (score {score:.1f})": "روز هفته: {planet} (امتیاز {score:.1f})",
    # ---------------------------------------------------------------- interpretations (simple)
    "Your FC60 signature is {element} {animal} with Life Path {lp}.": (
        "امضای FC60 تو {animal} {element} است، با عدد مسیر زندگی {lp}."
    ),
    " As a {zodiac}, you carry that sign's natural gifts.": (
        " در مقام یک {zodiac}، موهبت‌های طبیعی این برج را با خود داری."
    ),
    " As an {zodiac}, you carry that sign's natural gifts.": (
        " در مقام یک {zodiac}، موهبت‌های طبیعی این برج را با خود داری."
    ),
    " The {element} element shapes how you interact with the world, while the {animal} "
    "energy guides your instincts.": (
        " عنصر {element} شیوهٔ رویارویی تو با جهان را شکل می‌دهد و انرژی {animal} غریزه‌ات را "
        "راه می‌نماید."
    ),
    "The name {name} carries Destiny number {expression}. Its Soul Urge {soul_urge} is "
    "what the heart longs for, and its Personality {personality} is the face the world "
    "meets first.": (
        "نام {name} عدد سرنوشت {expression} را با خود دارد. عدد روح آن، {soul_urge}، همان "
        "چیزی است که دل آرزویش را دارد، و عدد شخصیت آن، {personality}، چهره‌ای است که جهان "
        "نخست می‌بیند."
    ),
    " Life Path {lp} is the road these gifts travel.": (
        " عدد مسیر زندگی {lp} راهی است که این موهبت‌ها در آن گام برمی‌دارند."
    ),
    "The oracle answers {answer}. Your question carries the sign number {number}": (
        "پاسخ پیشگو «{answer}» است. پرسش تو عدد نشانهٔ {number} را با خود دارد"
    ),
    ", asked under a {moon} moon": "، که در {moon} پرسیده شد",
    " at the FC60 moment {stamp}": " در لحظهٔ FC60 {stamp}",
    "An odd number moves forward: the way is open.": "عدد فرد پیش می‌رود: راه باز است.",
    "An even number rests: wait, or look for another way.": (
        "عدد زوج درنگ می‌کند: صبر کن یا راه دیگری بجوی."
    ),
    "A master number holds both answers: the outcome is yours to shape.": (
        "عدد استاد هر دو پاسخ را در خود دارد: سرانجام را تو شکل می‌دهی."
    ),
    "{date} is a day of {energy} — {quality}, with day number {day_number}.": (
        "{date} روز {energy} است — {quality}، با عدد روز {day_number}."
    ),
    " Your lucky numbers are {numbers}.": " اعداد خوش‌یمن تو {numbers} هستند.",
    " The {moon} moon sets the tone.": " ماه در {moon} حال‌وهوای روز را می‌سازد.",
    " For you it is personal day {day}.": " برای تو، روز شخصی {day} است.",
    # ---------------------------------------------------------------- the universal address
    "Gānzhī": "گان‌جی",
    "FC60 moon": "ماه FC60",
    "Weekday": "روز هفته",
    "Date": "تاریخ",
    "Zodiac": "برج",
    ", hour: ": "، ساعت: ",
    # ---------------------------------------------------------------- fallback: advice, steps
    "Dear {name}, your {element} {animal} nature gives you a unique perspective. ": (
        "{name} عزیز، سرشتِ {animal} {element} نگاهی یگانه به تو می‌بخشد. "
    ),
    "With Life Path {lp}, you're drawn to understanding and growth. ": (
        "با عدد مسیر زندگی {lp}، به فهمیدن و بالیدن کشیده می‌شوی. "
    ),
    "The current {moon} moon phase supports reflection and planning. ": (
        "ماه اکنون در {moon} است و از درنگ و برنامه‌ریزی پشتیبانی می‌کند. "
    ),
    "Trust the patterns you see — they are not coincidence. Your numerological signature "
    "suggests this is a time for thoughtful action rather than rushing forward.": (
        "به الگوهایی که می‌بینی اعتماد کن — تصادفی نیستند. امضای عددی تو می‌گوید اکنون هنگام "
        "کنشی سنجیده است، نه شتاب."
    ),
    "**Daily Practice**: Spend 5 minutes each morning connecting with your {element} "
    "energy — notice where it shows up in your environment.": (
        "**تمرین روزانه**: هر بامداد 5 دقیقه با انرژی {element} خود پیوند بگیر — ببین در "
        "پیرامونت کجا پیدا می‌شود."
    ),
    "**Decision-Making**: When faced with choices, ask yourself: 'What would "
    "{animal} energy guide me toward?' — trust your instincts.": (
        "**تصمیم‌گیری**: سرِ دوراهی‌ها از خود بپرس: «انرژی {animal} مرا به کدام سو می‌برد؟» — "
        "به غریزه‌ات اعتماد کن."
    ),
    "**Relationships**: Share your numerological insights with someone close to you "
    "today. Understanding each other's energetic signatures deepens connection.": (
        "**پیوندها**: امروز دریافت‌های عددی‌ات را با کسی نزدیک در میان بگذار. شناختن امضای "
        "انرژی یکدیگر پیوند را ژرف‌تر می‌کند."
    ),
    "The universe sees {name} as a bearer of {element} energy, walking the path of {animal} "
    "with the wisdom of Life Path {lp}. Every number you encounter, every pattern that "
    "catches your eye, is the cosmos whispering its secrets to one who listens. You are not "
    "separate from the great mathematical fabric — you are woven into it, a unique thread "
    "that the pattern needs.": (
        "کیهان {name} را حاملِ انرژی {element} می‌بیند که راه {animal} را با خردِ عدد مسیر "
        "زندگی {lp} می‌پیماید. هر عددی که با آن روبه‌رو می‌شوی و هر الگویی که چشمت را می‌گیرد، "
        "زمزمهٔ رازهای کیهان است برای کسی که گوش می‌سپارد. تو از بافت بزرگ اعداد جدا نیستی — "
        "در آن بافته شده‌ای، رشته‌ای یگانه که این نقش به آن نیاز دارد."
    ),
    "Dear {name}, your name vibrates to the number {expression}. Lean on that strength "
    "in the choices ahead, and let your Soul Urge {soul_urge} remind you what truly "
    "matters to you. When others misread you, remember that Personality {personality} "
    "is only the doorway — the house behind it is larger.": (
        "{name} عزیز، نام تو با عدد {expression} می‌لرزد. در انتخاب‌های پیش رو به این نیرو "
        "تکیه کن و بگذار عدد روح {soul_urge} یادت بیاورد چه چیزی به‌راستی برایت مهم است. "
        "وقتی دیگران تو را نادرست می‌فهمند، به یاد داشته باش که عدد شخصیت {personality} تنها "
        "درگاه است — خانهٔ پشت آن بزرگ‌تر است."
    ),
    " The {element} element colours how your name is heard.": (
        " عنصر {element} به آوای نام تو رنگ می‌دهد."
    ),
    "**Daily Practice**: Each morning, say your name and its Destiny number, "
    "{expression}, aloud — a small ritual to remember what you came to do.": (
        "**تمرین روزانه**: هر بامداد نامت و عدد سرنوشتش، {expression}، را بلند بگو — آیینی "
        "کوچک برای به یاد آوردن آنچه برایش آمده‌ای."
    ),
    "**Decision-Making**: Before a choice, ask whether it feeds your Soul Urge "
    "{soul_urge} or only your Personality {personality} — choose what feeds the "
    "heart.": (
        "**تصمیم‌گیری**: پیش از هر انتخاب بپرس آیا به عدد روح {soul_urge} تو خوراک می‌دهد یا "
        "تنها به عدد شخصیت {personality} — آنچه را برگزین که دل را سیر می‌کند."
    ),
    "**Relationships**: Tell someone close what your name's numbers say about you, and "
    "ask about theirs. Names meet before people do.": (
        "**پیوندها**: به کسی نزدیک بگو اعداد نامت دربارهٔ تو چه می‌گویند و از اعداد نام او "
        "بپرس. نام‌ها پیش از آدم‌ها با هم دیدار می‌کنند."
    ),
    "The universe sees {name} as a name that hums with the number {expression}. Each time "
    "it is spoken, Soul Urge {soul_urge} and Personality {personality} travel with it, a "
    "small song the cosmos recognises. A name is not an accident — it is the first word the "
    "world learned to call you by.": (
        "کیهان {name} را نامی می‌بیند که با عدد {expression} زمزمه می‌کند. هر بار که گفته "
        "می‌شود، عدد روح {soul_urge} و عدد شخصیت {personality} با آن همراه‌اند؛ ترانه‌ای "
        "کوچک که کیهان می‌شناسد. نام تصادف نیست — نخستین واژه‌ای است که جهان با آن تو را "
        "صدا زد."
    ),
    "Dear {name}, the answer “{answer}” is a signpost, not a verdict. The number "
    "{number} came to your question for a reason: sit with it before you act. ": (
        "{name} عزیز، پاسخ «{answer}» نشانهٔ راه است، نه حکم. عدد {number} بی‌دلیل به پرسش "
        "تو نیامده است: پیش از آنکه دست به کار شوی، با آن بنشین. "
    ),
    "The {moon} moon asks you to move with its rhythm, not against it. ": (
        "ماه در {moon} از تو می‌خواهد با آهنگش همراه شوی، نه در برابرش. "
    ),
    "Take the step that feels honest, and watch the signs that follow.": (
        "گامی را بردار که صادقانه می‌نماید و نشانه‌هایی را که در پی می‌آیند بنگر."
    ),
    "**Daily Practice**: Write your question and the number {number} down this "
    "morning, and read them again tonight.": (
        "**تمرین روزانه**: امروز صبح پرسشت و عدد {number} را بنویس و امشب دوباره بخوانشان."
    ),
    "**Decision-Making**: Treat “{answer}” as a direction to test with one small "
    "step, not a final ruling.": (
        "**تصمیم‌گیری**: «{answer}» را سمتی بدان که با یک گام کوچک می‌آزمایی‌اش، نه رأیی پایانی."
    ),
    "**Relationships**: Ask someone you trust how they see the question — a second "
    "voice often carries the missing piece.": (
        "**پیوندها**: از کسی که به او اعتماد داری بپرس پرسش را چگونه می‌بیند — صدای دوم "
        "اغلب تکهٔ گمشده را با خود دارد."
    ),
    "The universe sees {name} asking, and answers {answer} through the number {number}. "
    "Questions are doors the cosmos leaves ajar; the one who knocks already half knows the "
    "answer. Listen for the echo in the days ahead — it will sound like your own voice.": (
        "کیهان {name} را در حال پرسیدن می‌بیند و با عدد {number} پاسخ «{answer}» می‌دهد. "
        "پرسش‌ها درهایی‌اند که کیهان نیمه‌باز می‌گذارد؛ آن‌که در می‌زند، نیمی از پاسخ را "
        "از پیش می‌داند. در روزهای پیش رو گوش به پژواک بسپار — به صدای خودت خواهد ماند."
    ),
    "Dear {name}, today favours {energy}. Let {quality} guide you. ": (
        "{name} عزیز، امروز روز {energy} است. بگذار {quality} راهنمایت باشد. "
    ),
    "It is {weekday}: use its ruling energy rather than fight it. ": (
        "امروز {weekday} است: از انرژی فرمانروایش بهره بگیر، نه اینکه با آن بجنگی. "
    ),
    "Small, steady acts today will matter more than grand plans.": (
        "کارهای کوچک و پیوسته امروز بیش از نقشه‌های بزرگ ارزش دارند."
    ),
    "**Daily Practice**: Begin the day by naming one thing you will do for {energy}.": (
        "**تمرین روزانه**: روز را با نام بردن از یک کار که برای {energy} خواهی کرد آغاز کن."
    ),
    "**Decision-Making**: When you hesitate today, choose the option that brings {quality}.": (
        "**تصمیم‌گیری**: امروز هرگاه دودل شدی، گزینه‌ای را برگزین که {quality} می‌آورد."
    ),
    "**Relationships**: Share today's number {day_number} with someone and notice "
    "where it shows up for each of you.": (
        "**پیوندها**: عدد امروز، {day_number}، را با کسی در میان بگذار و ببین برای هر کدامتان "
        "کجا پیدا می‌شود."
    ),
    "The universe sees {name} on {date}, a day shaped by {energy} and {quality}. The number "
    "{day_number} hums beneath the hours; follow it and the day will open like a door you "
    "did not know was there.": (
        "کیهان {name} را در {date} می‌بیند، روزی که {energy} و {quality} شکلش داده‌اند. عدد "
        "{day_number} زیر ساعت‌ها زمزمه می‌کند؛ دنبالش کن تا روز چون دری که از آن خبر نداشتی "
        "گشوده شود."
    ),
    # ---------------------------------------------------------------- group: pairs
    "Strong life path alignment ({first} & {second})": (
        "همسویی نیرومند مسیر زندگی ({first} و {second})"
    ),
    "Divergent life paths ({first} & {second})": "مسیرهای زندگی واگرا ({first} و {second})",
    "Harmonious elements ({first} & {second})": "عنصرهای هماهنگ ({first} و {second})",
    "Elemental tension ({first} & {second})": "کشمکش عنصرها ({first} و {second})",
    "Zodiac harmony ({first} & {second})": "هماهنگی نشان‌های سال ({first} و {second})",
    "Zodiac clash ({first} & {second})": "ناسازگاری نشان‌های سال ({first} و {second})",
    "Aligned destiny numbers": "اعداد سرنوشت همسو",
    "Different destiny vibrations": "ارتعاش‌های سرنوشت متفاوت",
    "Resonant name energies": "انرژی‌های نامِ هم‌نوا",
    "Contrasting name energies": "انرژی‌های نامِ ناهمسو",
    # ---------------------------------------------------------------- group: roles and dynamics
    "Drives vision and initiative": "چشم‌انداز و ابتکار را پیش می‌برد",
    "Nurtures connections and stability": "پیوندها و ثبات را می‌پرورد",
    "Pushes boundaries and questions assumptions": (
        "مرزها را جابه‌جا می‌کند و پیش‌فرض‌ها را به پرسش می‌گیرد"
    ),
    "Bridges differences and creates flow": "میان تفاوت‌ها پل می‌زند و روانی می‌آفریند",
    "{user1} & {user2}: strong natural affinity ({classification}, {overall:.0%})": (
        "{user1} و {user2}: پیوند طبیعی نیرومند ({classification}، {overall:.0%})"
    ),
    "{user1} & {user2}: potential friction ({classification}, {overall:.0%})": (
        "{user1} و {user2}: احتمال اصطکاک ({classification}، {overall:.0%})"
    ),
    "Diverse role coverage: {roles}": "نقش‌های گوناگون: {roles}",
    "{count} {role}(s)": "{count} {role}",
    "Rich elemental diversity ({count} elements represented)": (
        "گوناگونی پربار عنصرها ({count} عنصر حضور دارند)"
    ),
    "Missing role energy: {roles}": "انرژی نقش‌های غایب: {roles}",
    "Leadership overload ({count} Leaders may create power struggles)": (
        "انبوهی رهبران ({count} رهبر ممکن است به کشمکش قدرت بینجامند)"
    ),
    "Elemental homogeneity (all {element}) — limited perspective range": (
        "یکدستی عنصرها (همه {element}) — گسترهٔ دیدگاه محدود"
    ),
    "{count} pair(s) in neutral zone — conscious effort can strengthen these bonds": (
        "{count} جفت در منطقهٔ خنثی — تلاش آگاهانه می‌تواند این پیوندها را استوار کند"
    ),
    "Cultivate {role} energy: {description}": "انرژی {role} را بپرور: {description}",
    "Invite {elements} energy for fuller elemental balance": (
        "انرژی {elements} را فرا بخوان تا تعادل عنصرها کامل‌تر شود"
    ),
    # ---------------------------------------------------------------- group: archetypes
    "Two forces creating balance through difference": "دو نیرو که از دل تفاوت تعادل می‌آفرینند",
    "Grounded team focused on steady, structured creation": (
        "گروهی استوار که بر آفرینشی پیوسته و سامان‌مند تمرکز دارد"
    ),
    "High-energy group driven by change and new ideas": (
        "گروهی پرانرژی که دگرگونی و ایده‌های نو پیشش می‌برند"
    ),
    "Analytical minds combining wisdom with precision": "ذهن‌های تحلیلگر که خرد را با دقت می‌آمیزند",
    "Fast-moving collective of doers and achievers": "جمعی پرشتاب از اهل عمل و دستاورد",
    "Seekers and learners pushing boundaries together": (
        "جویندگان و آموزندگانی که با هم مرزها را جابه‌جا می‌کنند"
    ),
    "Diverse group achieving natural equilibrium": "گروهی گوناگون که به تعادلی طبیعی می‌رسد",
    "Group with concentrated master-number energy": "گروهی با انرژی فشردهٔ اعداد استاد",
    # ---------------------------------------------------------------- group: narratives
    "{label} ({element} {animal}, LP {life_path})": (
        "{label} ({animal} {element}، مسیر زندگی {life_path})"
    ),
    "{label} is the {role}": "{label} {role} است",
    "{label} the {role}": "{label} {role}",
    "This group of {count} individuals — {members} — forms {archetype}. {roles}. The group "
    "achieves an average compatibility of {average:.0%}. Their combined energies create a "
    "dynamic where each member's strengths complement the others' areas for growth.": (
        "این گروه {count} نفره — {members} — «{archetype}» را می‌سازد. {roles}. میانگین سازگاری "
        "گروه به {average:.0%} می‌رسد. انرژی‌های به‌هم‌پیوستهٔ آنان پویایی‌ای می‌آفریند که در آن "
        "توانایی‌های هر عضو، زمینه‌های رشد دیگران را کامل می‌کند."
    ),
    "Balanced: {names} equally": "متوازن: {names} به یک اندازه",
    "The group's combined energy signature reveals a {element}-dominant collective": (
        "امضای انرژی به‌هم‌پیوستهٔ گروه، جمعی را نشان می‌دهد که عنصر {element} بر آن چیره است"
    ),
    "The group's combined energy signature reveals a collective balanced equally "
    "between {elements}": (
        "امضای انرژی به‌هم‌پیوستهٔ گروه، جمعی را نشان می‌دهد که {elements} به یک اندازه در آن حاضرند"
    ),
    " with {animal} as the prevailing animal energy.": " و انرژی {animal} جانور غالب آن است.",
    ", with no single animal prevailing: {animals} are equally present.": (
        " و هیچ جانوری بر آن چیره نیست: {animals} به یک اندازه حاضرند."
    ),
    " Their joint Life Path of {life_path} suggests a shared destiny direction. As "
    "'{archetype}', this group naturally gravitates toward collective evolution.": (
        " عدد مسیر زندگی مشترکشان، {life_path}، از جهتی مشترک در سرنوشت خبر می‌دهد. این گروه در "
        "مقام «{archetype}» به‌طور طبیعی به سوی تکاملی جمعی کشیده می‌شود."
    ),
    "Give the most care to {user1} and {user2}: at {overall:.0%} theirs is the "
    "group's weakest bond.": (
        "پیوند {user1} و {user2} بیشترین مراقبت را می‌طلبد: با {overall:.0%} سست‌ترین پیوند گروه است."
    ),
    "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
    "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
    "from strong elemental and life path resonance.": (
        "{user1} ({animal1} {element1}) و {user2} ({animal2} {element2}) پیوندی «{classification}» "
        "با سازگاری کلی {overall:.0%} دارند. این پیوند از هم‌نوایی نیرومند عنصرها و مسیرهای "
        "زندگی‌شان مایه می‌گیرد."
    ),
    "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
    "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
    "from growing elemental and life path resonance.": (
        "{user1} ({animal1} {element1}) و {user2} ({animal2} {element2}) پیوندی «{classification}» "
        "با سازگاری کلی {overall:.0%} دارند. این پیوند از هم‌نوایی رو به رشد عنصرها و مسیرهای "
        "زندگی‌شان مایه می‌گیرد."
    ),
    "{label}: {element} {animal}, Life Path {life_path}, Destiny {destiny}": (
        "{label}: {animal} {element}، مسیر زندگی {life_path}، سرنوشت {destiny}"
    ),
    # Headings of the interpretation's sections (the deterministic path).
    "A reading for {name}": "خوانشی برای {name}",
    "The name {name}": "نام {name}",
    "The oracle answers: {answer}": "پاسخ پیشگو: {answer}",
    "The day {date}": "روز {date}",
    "Lucky numbers: {lucky}": "اعداد خوش‌یمن: {lucky}",
    "A group of {count}": "گروهی {count} نفره",
    # ---------------------------------------------------------------- cautions (what to watch for)
    " and ": " و ",
    "stubbornness, and deciding for others without asking them": (
        "لجاجت، و تصمیم گرفتن به جای دیگران بی‌آنکه از آنان بپرسی"
    ),
    "swallowing your own needs to keep the peace": "فروخوردن نیازهای خودت برای حفظ آرامش",
    "scattering your energy over many starts and few finishes": (
        "پراکندن انرژی‌ات در آغازهای بسیار و پایان‌های اندک"
    ),
    "holding on to the plan after the facts have changed": (
        "چسبیدن به نقشه پس از آنکه واقعیت‌ها دگرگون شده‌اند"
    ),
    "a restlessness that quits just before the reward": (
        "بی‌قراری‌ای که درست پیش از رسیدن پاداش دست می‌کشد"
    ),
    "control dressed up as care, and carrying everyone's load": (
        "مهارگری در جامهٔ مراقبت، و کشیدن بار همه"
    ),
    "overthinking, and shutting out the people who could help": (
        "زیاده‌اندیشی، و راه ندادن به کسانی که می‌توانند یاری کنند"
    ),
    "measuring everything by money or power": "سنجیدن همه چیز با پول یا قدرت",
    "old grievances, and giving beyond your limits": "رنجش‌های کهنه، و بخشیدن فراتر از توانت",
    "nervous strain, and doubting the intuition you do have": (
        "فشار عصبی، و بدگمانی به شهودی که به‌راستی داری"
    ),
    "taking on more plans than one life can carry": (
        "پذیرفتن نقشه‌هایی بیش از آنچه یک زندگی تاب می‌آورد"
    ),
    "self-sacrifice, and taking on other people's pain as your own": (
        "ازخودگذشتگی فرساینده، و برداشتن درد دیگران چون درد خودت"
    ),
    "Wood grows fast: do not start more than you can tend.": (
        "چوب تند می‌روید: بیش از آنچه می‌توانی به آن برسی، آغاز نکن."
    ),
    "Fire burns quickly: beware of haste, and of words spoken in the heat of the moment.": (
        "آتش تند می‌سوزد: از شتاب، و از سخنی که در گرماگرم لحظه گفته می‌شود، بپرهیز."
    ),
    "Earth holds on: beware of clinging to what is safe when change is due.": (
        "خاک نگه می‌دارد: آنگاه که زمان دگرگونی رسیده، از چسبیدن به آنچه امن است بپرهیز."
    ),
    "Metal cuts: beware of judging yourself and others too sharply.": (
        "فلز می‌بُرد: از داوری بیش از اندازه تند دربارهٔ خودت و دیگران بپرهیز."
    ),
    "Water yields: beware of drifting along with other people's moods.": (
        "آب نرم و پذیراست: از روان شدن بی‌اختیار با حال‌وهوای دیگران بپرهیز."
    ),
    "Under a New Moon plans are seeds: do not judge them by what shows yet.": (
        "زیر ماه نو، نقشه‌ها بذرند: آن‌ها را با آنچه هنوز پیدا نیست داوری نکن."
    ),
    "Under a Waxing Crescent intentions are fragile: keep them to yourself "
    "until they have roots.": (
        "زیر هلال فزاینده، نیت‌ها شکننده‌اند: تا ریشه نگرفته‌اند، آن‌ها را برای خودت نگه دار."
    ),
    "The First Quarter brings friction: do not take the first obstacle for a final no.": (
        "تربیع اول اصطکاک می‌آورد: نخستین مانع را «نه»ی پایانی نپندار."
    ),
    "Under a Waxing Gibbous moon impatience rises: do not drop what is almost ready.": (
        "زیر کوژ فزاینده، بی‌تابی بالا می‌گیرد: آنچه را تقریباً آماده است رها نکن."
    ),
    "Under a Full Moon feelings run high: sleep on big decisions.": (
        "زیر بدر، احساسات اوج می‌گیرند: تصمیم‌های بزرگ را به فردا بسپار."
    ),
    "Under a Waning Gibbous moon, hold back from lecturing: share what you have learned "
    "when you are asked.": (
        "زیر کوژ کاهنده، از پند دادن بپرهیز: آموخته‌هایت را وقتی از تو خواستند بازگو کن."
    ),
    "The Last Quarter asks for release: beware of holding on out of habit.": (
        "تربیع دوم رها کردن می‌خواهد: از نگه داشتن از سر عادت بپرهیز."
    ),
    "Under a Waning Crescent energy is low: start nothing big before you have rested.": (
        "زیر هلال کاهنده، انرژی کم است: پیش از آنکه بیاسایی، کار بزرگی آغاز نکن."
    ),
    "A yes is not a guarantee: check the details before you commit.": (
        "«بله» تضمین نیست: پیش از آنکه متعهد شوی، جزئیات را بسنج."
    ),
    "A no is not forever: do not close the door in frustration.": (
        "«خیر» همیشگی نیست: از سر دلسردی در را نبند."
    ),
    "A maybe can become a reason to wait forever: do not let time choose for you.": (
        "«شاید» می‌تواند بهانهٔ انتظاری بی‌پایان شود: نگذار زمان به جای تو انتخاب کند."
    ),
    "With Life Path {number}, watch for {shadow}.": (
        "با عدد مسیر زندگی {number}، مراقب {shadow} باش."
    ),
    "With Destiny number {number}, watch for {shadow}.": (
        "با عدد سرنوشت {number}، مراقب {shadow} باش."
    ),
    "With the sign number {number}, watch for {shadow}.": (
        "با عدد نشانهٔ {number}، مراقب {shadow} باش."
    ),
    "With today's number {number}, watch for {shadow}.": (
        "با عدد امروز، {number}، مراقب {shadow} باش."
    ),
    "Your Soul Urge {soul_urge} and Personality {personality} differ: people "
    "may meet someone other than who you are inside, so say plainly what you "
    "want.": (
        "عدد روح تو ({soul_urge}) و عدد شخصیتت ({personality}) یکی نیستند: دیگران شاید کسی جز "
        "آنکه در درونت هستی ببینند، پس آنچه را می‌خواهی روشن بگو."
    ),
}
