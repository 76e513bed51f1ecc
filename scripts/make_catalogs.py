"""Regenerate platform/i18n/locales/*/messages.po from message ids in code and TRANSLATIONS below.

Run after adding a user-facing text: `python scripts/make_catalogs.py`. A test fails when a
message id used in code has no Russian or Kazakh translation.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from catalog_bot import BOT_TRANSLATIONS
from catalog_web import WEB_TRANSLATIONS

from cyberpol.kernel.errors import error_classes
from cyberpol.kernel.labels import CATEGORY_NAMES, KIND_NAMES, REGION_NAMES
from cyberpol.mules.detectors import MULE_REASONS
from cyberpol.platform.i18n.extract import code_messages, template_messages
from cyberpol.registry.messages import ADVICE, VERDICT_TEXT

ERROR_TITLES = {error.code: error.title for error in error_classes()}

LOCALES = (
    Path(__file__).resolve().parent.parent / "src" / "cyberpol" / "platform" / "i18n" / "locales"
)

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
    # Why an account looks like a drop; {value…} is the account's own figure.
    "money from many unrelated senders ({value:.0f})": (
        "деньги от многих не связанных отправителей ({value:.0f})",
        "бір-бірімен байланыссыз көп жіберушіден ақша ({value:.0f})",
    ),
    "forwards what arrives within hours ({value:.0%} of outflow within 6 h)": (
        "пересылает поступления в течение часов ({value:.0%} расхода за 6 ч)",
        "түскен ақшаны бірнеше сағат ішінде аударады (шығыстың {value:.0%} — 6 сағ ішінде)",
    ),
    "cashes out most of the money ({value:.0%})": (
        "обналичивает бо́льшую часть денег ({value:.0%})",
        "ақшаның көп бөлігін қолма-қол алады ({value:.0%})",
    ),
    "sends money to crypto exchanges ({value:.0%})": (
        "переводит деньги на криптобиржи ({value:.0%})",
        "ақшаны криптобиржаларға аударады ({value:.0%})",
    ),
    "sends money abroad ({value:.0%})": (
        "переводит деньги за границу ({value:.0%})",
        "ақшаны шетелге аударады ({value:.0%})",
    ),
    "account opened shortly before the money moved ({value:.0f} days)": (
        "счёт открыт незадолго до движения денег ({value:.0f} дн.)",
        "шот ақша қозғалысынан сәл бұрын ашылған ({value:.0f} күн)",
    ),
    "holder has accounts at many banks ({value:.0f})": (
        "у владельца счета во многих банках ({value:.0f})",
        "иесінің көп банкте шоты бар ({value:.0f})",
    ),
    "holder is a foreign national": (
        "владелец — иностранный гражданин",
        "иесі — шетел азаматы",
    ),
    "device or address shared with other accounts ({value:.0f})": (
        "устройство или адрес общие с другими счетами ({value:.0f})",
        "құрылғы немесе мекенжай басқа шоттармен ортақ ({value:.0f})",
    ),
    "trades with confirmed drops ({value:.0f})": (
        "связан переводами с подтверждёнными дропами ({value:.0f})",
        "расталған дроптармен аударым жасасады ({value:.0f})",
    ),
    "named in citizens' fraud reports": (
        "упоминается в заявлениях граждан о мошенничестве",
        "азаматтардың алаяқтық туралы өтініштерінде аталған",
    ),
    "{value:.0f} incoming transfers": (
        "{value:.0f} входящих переводов",
        "{value:.0f} кіріс аударым",
    ),
    "received {value:,.0f} in all": ("всего получено {value:,.0f}", "барлығы {value:,.0f} алынды"),
    "{value:.0f} outgoing transfers": (
        "{value:.0f} исходящих переводов",
        "{value:.0f} шығыс аударым",
    ),
    "sent {value:,.0f} in all": ("всего отправлено {value:,.0f}", "барлығы {value:,.0f} жіберілді"),
    "pays {value:.0f} different accounts": (
        "платит на {value:.0f} разных счетов",
        "{value:.0f} түрлі шотқа төлейді",
    ),
    "many senders on one day ({value:.0f})": (
        "много отправителей за один день ({value:.0f})",
        "бір күнде көп жіберуші ({value:.0f})",
    ),
    "forwards money within hours ({value:.0%} of outflow)": (
        "пересылает деньги в течение часов ({value:.0%} расхода)",
        "ақшаны бірнеше сағат ішінде аударады (шығыстың {value:.0%})",
    ),
    "passes on what it receives ({value:.0%})": (
        "передаёт дальше полученное ({value:.0%})",
        "алғанын әрі қарай жібереді ({value:.0%})",
    ),
    "money stays only {value:.1f} h on average": (
        "деньги задерживаются в среднем лишь {value:.1f} ч",
        "ақша орта есеппен тек {value:.1f} сағ тұрады",
    ),
    "cashes out ({value:.0%})": ("обналичивает ({value:.0%})", "қолма-қол алады ({value:.0%})"),
    "sends to crypto exchanges ({value:.0%})": (
        "переводит на криптобиржи ({value:.0%})",
        "криптобиржаларға аударады ({value:.0%})",
    ),
    "sends abroad ({value:.0%})": (
        "переводит за границу ({value:.0%})",
        "шетелге аударады ({value:.0%})",
    ),
    "young account ({value:.0f} days)": (
        "новый счёт ({value:.0f} дн.)",
        "жаңа шот ({value:.0f} күн)",
    ),
    "holder banks at {value:.0f} banks": (
        "владелец обслуживается в {value:.0f} банках",
        "иесі {value:.0f} банкте қызмет алады",
    ),
    "holder has {value:.0f} accounts": (
        "у владельца {value:.0f} счетов",
        "иесінің {value:.0f} шоты бар",
    ),
    "foreign holder": ("владелец — иностранец", "иесі — шетелдік"),
    "device shared with {value:.0f} accounts": (
        "устройство общее с {value:.0f} счетами",
        "құрылғы {value:.0f} шотпен ортақ",
    ),
    "address shared with {value:.0f} accounts": (
        "IP-адрес общий с {value:.0f} счетами",
        "IP-мекенжай {value:.0f} шотпен ортақ",
    ),
    "device or address shared with confirmed drops": (
        "устройство или адрес общие с подтверждёнными дропами",
        "құрылғы немесе мекенжай расталған дроптармен ортақ",
    ),
    "two steps from confirmed drops ({value:.0f})": (
        "в двух шагах от подтверждённых дропов ({value:.0f})",
        "расталған дроптардан екі қадам жерде ({value:.0f})",
    ),
    "active at night ({value:.0%})": (
        "активен ночью ({value:.0%})",
        "түнде белсенді ({value:.0%})",
    ),
    "{value:.1f} incoming transfers a day": (
        "{value:.1f} входящих переводов в день",
        "күніне {value:.1f} кіріс аударым",
    ),
    "{value:.1f} outgoing transfers a day": (
        "{value:.1f} исходящих переводов в день",
        "күніне {value:.1f} шығыс аударым",
    ),
    "{value:.2f} new senders a day": (
        "{value:.2f} новых отправителей в день",
        "күніне {value:.2f} жаңа жіберуші",
    ),
    "{value:.2f} new receivers a day": (
        "{value:.2f} новых получателей в день",
        "күніне {value:.2f} жаңа алушы",
    ),
    "receives {value:,.0f} a day": ("получает {value:,.0f} в день", "күніне {value:,.0f} алады"),
    "sends {value:,.0f} a day": ("отправляет {value:,.0f} в день", "күніне {value:,.0f} жібереді"),
    "receives {value:,.0f} a transfer on average": (
        "получает в среднем {value:,.0f} за перевод",
        "бір аударымда орта есеппен {value:,.0f} алады",
    ),
    "sends {value:,.0f} a transfer on average": (
        "отправляет в среднем {value:,.0f} за перевод",
        "бір аударымда орта есеппен {value:,.0f} жібереді",
    ),
    "active on {value:.0%} of days": (
        "активен в {value:.0%} дней",
        "күндердің {value:.0%} белсенді",
    ),
    "incoming money is {value:.0%} of all it moves": (
        "входящие деньги — {value:.0%} всего оборота",
        "кіріс ақша бүкіл айналымның {value:.0%}",
    ),
    "receives more transfers than {value:.0%} of accounts": (
        "получает больше переводов, чем {value:.0%} счетов",
        "шоттардың {value:.0%} қарағанда көбірек аударым алады",
    ),
    "sends more transfers than {value:.0%} of accounts": (
        "отправляет больше переводов, чем {value:.0%} счетов",
        "шоттардың {value:.0%} қарағанда көбірек аударым жібереді",
    ),
    "receives more money than {value:.0%} of accounts": (
        "получает больше денег, чем {value:.0%} счетов",
        "шоттардың {value:.0%} қарағанда көбірек ақша алады",
    ),
    "sends more money than {value:.0%} of accounts": (
        "отправляет больше денег, чем {value:.0%} счетов",
        "шоттардың {value:.0%} қарағанда көбірек ақша жібереді",
    ),
    "more senders than {value:.0%} of accounts": (
        "больше отправителей, чем у {value:.0%} счетов",
        "жіберушілері шоттардың {value:.0%} қарағанда көп",
    ),
    "more receivers than {value:.0%} of accounts": (
        "больше получателей, чем у {value:.0%} счетов",
        "алушылары шоттардың {value:.0%} қарағанда көп",
    ),
    "smallest receipt larger than {value:.0%} of accounts' smallest": (
        "наименьшее поступление больше, чем у {value:.0%} счетов",
        "ең кіші түсімі шоттардың {value:.0%} қарағанда үлкен",
    ),
    "smallest payment larger than {value:.0%} of accounts' smallest": (
        "наименьший платёж больше, чем у {value:.0%} счетов",
        "ең кіші төлемі шоттардың {value:.0%} қарағанда үлкен",
    ),
    "smallest receipt {value:,.0f}": (
        "наименьшее поступление {value:,.0f}",
        "ең кіші түсім {value:,.0f}",
    ),
    "largest receipt {value:,.0f}": (
        "наибольшее поступление {value:,.0f}",
        "ең үлкен түсім {value:,.0f}",
    ),
    "smallest payment {value:,.0f}": (
        "наименьший платёж {value:,.0f}",
        "ең кіші төлем {value:,.0f}",
    ),
    "largest payment {value:,.0f}": (
        "наибольший платёж {value:,.0f}",
        "ең үлкен төлем {value:,.0f}",
    ),
    "receipts of even size (smallest is {value:.0%} of largest)": (
        "поступления одного размера (наименьшее — {value:.0%} наибольшего)",
        "түсімдер бірдей көлемде (ең кішісі ең үлкенінің {value:.0%})",
    ),
    "one payment took {value:.0%} of what came in": (
        "один платёж унёс {value:.0%} поступившего",
        "бір төлем түскен ақшаның {value:.0%} алып кетті",
    ),
    "{value:.1f} counterparties on each active day": (
        "{value:.1f} контрагентов в каждый активный день",
        "әр белсенді күні {value:.1f} контрагент",
    ),
    "{value:.0f} transfers on its busiest day": (
        "{value:.0f} переводов в самый загруженный день",
        "ең қарбалас күні {value:.0f} аударым",
    ),
    "paid {value:.0f} accounts on one day": (
        "за один день заплатил {value:.0f} счетам",
        "бір күнде {value:.0f} шотқа төледі",
    ),
    "money in and out on the same day ({value:.0%} of active days)": (
        "деньги приходят и уходят в один день ({value:.0%} активных дней)",
        "ақша бір күнде түсіп, кетеді (белсенді күндердің {value:.0%})",
    ),
    "{value:.0f} senders within three days": (
        "{value:.0f} отправителей за три дня",
        "үш күнде {value:.0f} жіберуші",
    ),
    "sends on the same day {value:.0%} of what it receives": (
        "в тот же день отправляет дальше {value:.0%} полученного",
        "алғанының {value:.0%} сол күні әрі жібереді",
    ),
    "forwarded {value:.0%} of its income on one day": (
        "за один день переслал {value:.0%} своих поступлений",
        "бір күнде түсімінің {value:.0%} әрі жіберді",
    ),
    "forwards half or more of a day's income ({value:.0%} of active days)": (
        "пересылает половину и больше дневных поступлений ({value:.0%} активных дней)",
        "күндік түсімнің жартысын не одан көбін әрі жібереді (белсенді күндердің {value:.0%})",
    ),
    "forwards half or more of a day's income on {value:.0f} days": (
        "пересылает половину и больше дневных поступлений в {value:.0f} дней",
        "{value:.0f} күні күндік түсімнің жартысын не одан көбін әрі жібереді",
    ),
    "{value:.0%} of receipts from senders seen before": (
        "{value:.0%} поступлений от уже знакомых отправителей",
        "түсімдердің {value:.0%} бұрын болған жіберушілерден",
    ),
    "{value:.0%} of payments to receivers seen before": (
        "{value:.0%} платежей уже знакомым получателям",
        "төлемдердің {value:.0%} бұрын болған алушыларға",
    ),
    "{value:.0%} of receipts come twice a day from one sender": (
        "{value:.0%} поступлений приходят дважды в день от одного отправителя",
        "түсімдердің {value:.0%} бір жіберушіден күніне екі рет келеді",
    ),
    "{value:.0%} of payments go twice a day to one receiver": (
        "{value:.0%} платежей уходят дважды в день одному получателю",
        "төлемдердің {value:.0%} бір алушыға күніне екі рет кетеді",
    ),
    "{value:.0%} of counterparties both pay it and are paid": (
        "{value:.0%} контрагентов и платят ему, и получают от него",
        "контрагенттердің {value:.0%} әрі төлейді, әрі одан алады",
    ),
    "money paths lead to confirmed drops ({value:.2f})": (
        "денежные пути ведут к подтверждённым дропам ({value:.2f})",
        "ақша жолдары расталған дроптарға апарады ({value:.2f})",
    ),
    "took {value:.0%} of its incoming money from accounts flagged as drops": (
        "получил {value:.0%} входящих денег со счетов, отмеченных как дропы",
        "кіріс ақшасының {value:.0%} дроп деп белгіленген шоттардан алған",
    ),
    "its senders on average: {what}": (
        "его отправители в среднем: {what}",
        "оның жіберушілері орта есеппен: {what}",
    ),
    "its receivers on average: {what}": (
        "его получатели в среднем: {what}",
        "оның алушылары орта есеппен: {what}",
    ),
}


def message_ids() -> list[str]:
    ids: list[str] = []
    tables = (VERDICT_TEXT, ADVICE, ERROR_TITLES, KIND_NAMES, CATEGORY_NAMES, REGION_NAMES)
    for table in (*tables, MULE_REASONS):
        ids += [m for m in table.values() if m not in ids]
    ids += [m for m in (*template_messages(), *code_messages()) if m not in ids]
    return ids


def main() -> None:
    tables = (TRANSLATIONS, WEB_TRANSLATIONS, BOT_TRANSLATIONS)
    # One message id is one text everywhere: a second table must not quietly re-translate it
    # (the workspace's "Link" button once turned the bot's "Link:" into "Связать:").
    clashes = sorted(
        m for i, a in enumerate(tables) for b in tables[i + 1 :] for m in a.keys() & b.keys()
        if a[m] != b[m]
    )  # fmt: skip
    if clashes:
        raise SystemExit(f"Translated differently in two tables: {clashes}")
    translations = TRANSLATIONS | WEB_TRANSLATIONS | BOT_TRANSLATIONS
    missing = [m for m in message_ids() if m not in translations]
    if missing:
        raise SystemExit(f"No translation for: {missing}")
    for position, language in enumerate(("ru", "kk", "en")):
        catalog = Catalog(locale=language, project="CyberPol", fuzzy=False)
        for message in message_ids():
            text = message if language == "en" else translations[message][position]
            catalog.add(message, text)
        target = LOCALES / language / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


if __name__ == "__main__":
    main()
