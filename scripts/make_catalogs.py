"""Regenerate web/locales/*/messages.po from the message ids in code and TRANSLATIONS below.

Run after adding a user-facing text: `python scripts/make_catalogs.py`. A test fails when a
message id used in code has no Russian or Kazakh translation.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from cyberpol.web.labels import CATEGORY_NAMES, KIND_NAMES, REGION_NAMES
from cyberpol.web.messages import ADVICE, ERROR_TITLES, VERDICT_TEXT

LOCALES = Path(__file__).resolve().parent.parent / "src" / "cyberpol" / "web" / "locales"

TRANSLATIONS: dict[str, tuple[str, str]] = {
    # English: (Russian, Kazakh)
    "Not in the registry": ("Нет в реестре", "Тізілімде жоқ"),
    "Reported as fraud": ("Есть жалобы на мошенничество", "Алаяқтық туралы шағымдар бар"),
    "Confirmed fraud": ("Подтверждённое мошенничество", "Расталған алаяқтық"),
    "Blocked fraud": ("Мошенничество, заблокировано", "Алаяқтық, бұғатталған"),
    "Checked: no fraud found": (
        "Проверено: мошенничество не выявлено",
        "Тексерілді: алаяқтық анықталмады",
    ),
    "Not a recognisable value": ("Значение не распознано", "Мән танылмады"),
    "We have no reports about this. That does not make it safe: never pay in advance "
    "and never tell anyone an SMS code.": (
        "Жалоб на это нет. Это не значит, что это безопасно: не платите заранее "
        "и никому не сообщайте коды из SMS.",
        "Бұл туралы шағым жоқ. Бұл қауіпсіз дегенді білдірмейді: алдын ала төлемеңіз "
        "және SMS-кодты ешкімге айтпаңыз.",
    ),
    "Citizens have reported this as fraud. Do not pay, do not share card details or codes; "
    "the police are checking it.": (
        "Граждане сообщали об этом как о мошенничестве. Не платите, не сообщайте данные карты "
        "и коды; полиция проверяет.",
        "Азаматтар бұл туралы алаяқтық деп хабарлаған. Төлемеңіз, карта деректерін және "
        "кодтарды айтпаңыз; полиция тексеруде.",
    ),
    "The police have confirmed this is used by fraudsters. Do not pay or call back.": (
        "Полиция подтвердила, что этим пользуются мошенники. Не платите и не перезванивайте.",
        "Полиция мұны алаяқтар пайдаланатынын растады. Төлемеңіз және кері қоңырау шалмаңыз.",
    ),
    "This is used by fraudsters and has been blocked. Do not pay or call back.": (
        "Этим пользуются мошенники, оно заблокировано. Не платите и не перезванивайте.",
        "Мұны алаяқтар пайдаланады, ол бұғатталған. Төлемеңіз және кері қоңырау шалмаңыз.",
    ),
    "Analysts checked the reports about this and found no fraud.": (
        "Аналитики проверили жалобы и не нашли мошенничества.",
        "Талдаушылар шағымдарды тексеріп, алаяқтық таппады.",
    ),
    "Enter a phone number, card number, IBAN, link, e-mail, crypto wallet or messenger handle.": (
        "Введите номер телефона, номер карты, IBAN, ссылку, e-mail, криптокошелёк "
        "или ник в мессенджере.",
        "Телефон нөмірін, карта нөмірін, IBAN, сілтемені, e-mail, криптоәмиянды немесе "
        "мессенджердегі атауды енгізіңіз.",
    ),
    "The request is not valid": ("Некорректный запрос", "Сұрау дұрыс емес"),
    "This value is not a recognisable indicator": (
        "Значение не распознано как телефон, карта, ссылка и т. п.",
        "Мән телефон, карта, сілтеме т.б. ретінде танылмады",
    ),
    "The request is too large": ("Слишком большой запрос", "Сұрау тым үлкен"),
    "Sign-in required": ("Требуется вход", "Кіру қажет"),
    "Not allowed for your role": ("Недоступно для вашей роли", "Сіздің рөліңізге рұқсат етілмеген"),
    "Not found": ("Не найдено", "Табылмады"),
    "Conflicts with the current state": ("Противоречит текущему состоянию", "Ағымдағы күйге қайшы"),
    "This step is not allowed in the current state": (
        "Этот шаг невозможен в текущем состоянии",
        "Бұл қадам ағымдағы күйде мүмкін емес",
    ),
    "Too many requests, try again later": (
        "Слишком много запросов, попробуйте позже",
        "Сұраулар тым көп, кейінірек қайталаңыз",
    ),
    "Something went wrong": ("Что-то пошло не так", "Бірдеңе дұрыс болмады"),
    # indicator kinds
    "Phone number": ("Номер телефона", "Телефон нөмірі"),
    "Payment card": ("Платёжная карта", "Төлем картасы"),
    "Bank account (IBAN)": ("Банковский счёт (IBAN)", "Банк шоты (IBAN)"),
    "Link": ("Ссылка", "Сілтеме"),
    "Domain": ("Домен", "Домен"),
    "IP address": ("IP-адрес", "IP-мекенжай"),
    "E-mail": ("Электронная почта", "Электрондық пошта"),
    "Crypto wallet": ("Криптокошелёк", "Криптоәмиян"),
    "Messenger or social-network handle": (
        "Аккаунт в мессенджере или соцсети",
        "Мессенджердегі немесе әлеуметтік желідегі аккаунт",
    ),
    # categories
    "Online marketplace ad": ("Объявление на маркетплейсе", "Маркетплейстегі хабарландыру"),
    "Fake call from a bank or its security service": (
        "Звонок якобы из банка или его службы безопасности",
        "Банктен немесе оның қауіпсіздік қызметінен деген жалған қоңырау",
    ),
    "Fake call from the police or another authority": (
        "Звонок якобы из полиции или другого ведомства",
        "Полициядан немесе басқа органнан деген жалған қоңырау",
    ),
    "Investment scam": ("Инвестиционное мошенничество", "Инвестициялық алаяқтық"),
    "Financial pyramid": ("Финансовая пирамида", "Қаржы пирамидасы"),
    "Loan taken out in the victim's name": (
        "Кредит, оформленный на жертву",
        "Жәбірленуші атына рәсімделген несие",
    ),
    "Prize or lottery": ("Выигрыш или лотерея", "Ұтыс немесе лотерея"),
    "Phishing link": ("Фишинговая ссылка", "Фишингтік сілтеме"),
    "Romance scam": ("Мошенничество на знакомствах", "Танысу арқылы алаяқтық"),
    "Other": ("Другое", "Басқа"),
    # regions
    "Astana": ("Астана", "Астана"),
    "Almaty": ("Алматы", "Алматы"),
    "Shymkent": ("Шымкент", "Шымкент"),
    "Abai Region": ("Абайская область", "Абай облысы"),
    "Akmola Region": ("Акмолинская область", "Ақмола облысы"),
    "Aktobe Region": ("Актюбинская область", "Ақтөбе облысы"),
    "Almaty Region": ("Алматинская область", "Алматы облысы"),
    "Atyrau Region": ("Атырауская область", "Атырау облысы"),
    "East Kazakhstan Region": ("Восточно-Казахстанская область", "Шығыс Қазақстан облысы"),
    "Zhambyl Region": ("Жамбылская область", "Жамбыл облысы"),
    "Zhetisu Region": ("Область Жетісу", "Жетісу облысы"),
    "West Kazakhstan Region": ("Западно-Казахстанская область", "Батыс Қазақстан облысы"),
    "Karaganda Region": ("Карагандинская область", "Қарағанды облысы"),
    "Kostanay Region": ("Костанайская область", "Қостанай облысы"),
    "Kyzylorda Region": ("Кызылординская область", "Қызылорда облысы"),
    "Mangystau Region": ("Мангистауская область", "Маңғыстау облысы"),
    "Pavlodar Region": ("Павлодарская область", "Павлодар облысы"),
    "North Kazakhstan Region": ("Северо-Казахстанская область", "Солтүстік Қазақстан облысы"),
    "Turkistan Region": ("Туркестанская область", "Түркістан облысы"),
    "Ulytau Region": ("Область Улытау", "Ұлытау облысы"),
}


def message_ids() -> list[str]:
    ids: list[str] = []
    for table in (VERDICT_TEXT, ADVICE, ERROR_TITLES, KIND_NAMES, CATEGORY_NAMES, REGION_NAMES):
        ids += [m for m in table.values() if m not in ids]
    return ids


def main() -> None:
    missing = [m for m in message_ids() if m not in TRANSLATIONS]
    if missing:
        raise SystemExit(f"No translation for: {missing}")
    for position, language in enumerate(("ru", "kk", "en")):
        catalog = Catalog(locale=language, project="CyberPol", fuzzy=False)
        for message in message_ids():
            text = message if language == "en" else TRANSLATIONS[message][position]
            catalog.add(message, text)
        target = LOCALES / language / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


if __name__ == "__main__":
    main()
