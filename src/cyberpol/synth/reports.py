"""Deterministic synthetic data for demos, tests and benchmarks: indicators and citizen reports.

Reports come from a pool of scam *operations*: each is a small set of phones, cards, links
and handles that many victims run into, with heavy-tailed popularity, so an indicator recurs
across reports the way it does in real cyber-police data. Texts are written the way victims
write them in Russian, Kazakh and English, with amounts, dates and order numbers around the
indicators that a good extractor must not take for phones or cards.

Pure Python with ``random.Random(seed)``: no I/O, and the same seed always gives the same rows.
"""

from __future__ import annotations

import math
import random
import string
from bisect import bisect
from collections.abc import Iterator
from itertools import accumulate

from cyberpol.domain.categories import Region, ScamCategory
from cyberpol.synth.values import (
    FRESH,
    KINDS,
    Drawn,
    draw,
    kz_mobile,
    pick,
    render,
    synthetic_indicator_value,
    weighted,
)

_C = ScamCategory

# ------------------------------------------------------------------------ indicator rows

_INDICATOR_KINDS = weighted(
    [
        ("phone", 40),
        ("card", 20),
        ("url", 12),
        ("domain", 8),
        ("iban", 8),
        ("social_handle", 5),
        ("email", 3),
        ("crypto_wallet", 3),
        ("ip", 1),
    ]
)
_CHECK_KINDS = weighted(
    [
        ("phone", 50),
        ("card", 15),
        ("url", 20),
        ("iban", 5),
        ("domain", 3),
        ("social_handle", 2),
        ("email", 2),
        ("crypto_wallet", 1.5),
        ("ip", 1.5),
    ]
)
_BLOCKER = {
    "phone": "operator",
    "card": "bank",
    "iban": "bank",
    "url": "registrar",
    "domain": "registrar",
    "ip": "registrar",
    "email": "platform",
    "social_handle": "platform",
    "crypto_wallet": "platform",
}
_STATUS = weighted([("confirmed", 45), ("blocked", 30), ("reported", 25)])
_KIND_CATEGORIES = {
    "phone": weighted(
        [
            (_C.FAKE_BANK_CALL, 35),
            (_C.MARKETPLACE_AD, 20),
            (_C.FAKE_POLICE_CALL, 12),
            (_C.LOAN_IN_VICTIM_NAME, 10),
            (_C.PRIZE_LOTTERY, 7),
            (_C.INVESTMENT_SCAM, 6),
            (_C.ROMANCE, 3),
            (_C.OTHER, 7),
        ]
    ),
    "card": weighted(
        [
            (_C.MARKETPLACE_AD, 35),
            (_C.FAKE_BANK_CALL, 15),
            (_C.INVESTMENT_SCAM, 12),
            (_C.LOAN_IN_VICTIM_NAME, 10),
            (_C.FAKE_POLICE_CALL, 8),
            (_C.PRIZE_LOTTERY, 6),
            (_C.ROMANCE, 6),
            (_C.OTHER, 8),
        ]
    ),
    "iban": weighted(
        [
            (_C.FAKE_BANK_CALL, 25),
            (_C.FAKE_POLICE_CALL, 25),
            (_C.INVESTMENT_SCAM, 20),
            (_C.PYRAMID, 15),
            (_C.ROMANCE, 10),
            (_C.OTHER, 5),
        ]
    ),
    "url": weighted(
        [
            (_C.PHISHING_LINK, 50),
            (_C.MARKETPLACE_AD, 18),
            (_C.INVESTMENT_SCAM, 12),
            (_C.PRIZE_LOTTERY, 10),
            (_C.LOAN_IN_VICTIM_NAME, 5),
            (_C.PYRAMID, 5),
        ]
    ),
    "domain": weighted(
        [
            (_C.PHISHING_LINK, 60),
            (_C.MARKETPLACE_AD, 15),
            (_C.INVESTMENT_SCAM, 15),
            (_C.PRIZE_LOTTERY, 10),
        ]
    ),
    "ip": weighted([(_C.PHISHING_LINK, 80), (_C.OTHER, 20)]),
    "email": weighted([(_C.PHISHING_LINK, 50), (_C.ROMANCE, 25), (_C.OTHER, 25)]),
    "crypto_wallet": weighted([(_C.INVESTMENT_SCAM, 70), (_C.PYRAMID, 20), (_C.OTHER, 10)]),
    "social_handle": weighted(
        [
            (_C.INVESTMENT_SCAM, 35),
            (_C.MARKETPLACE_AD, 25),
            (_C.ROMANCE, 15),
            (_C.PYRAMID, 15),
            (_C.OTHER, 10),
        ]
    ),
}


def synthetic_indicators(count: int, *, seed: int = 0) -> Iterator[dict[str, str]]:
    """Rows of a known-bad indicator list (``value, kind, status, category[, blocked_by]``)."""
    rng = random.Random(seed)
    categories = {
        kind: ([c.value for c in values], cumulative)
        for kind, (values, cumulative) in _KIND_CATEGORIES.items()
    }
    render_kind = FRESH
    for _ in range(count):
        kind = pick(rng, _INDICATOR_KINDS)
        status = pick(rng, _STATUS)
        row = {
            "value": render_kind[kind](rng),
            "kind": kind,
            "status": status,
            "category": pick(rng, categories[kind]),
        }
        if status == "blocked":
            row["blocked_by"] = _BLOCKER[kind]
        yield row


def typed_check_values(count: int, *, seed: int = 0) -> list[str]:
    """Raw values as people type them into a check: half phones, then links, cards and the rest."""
    rng = random.Random(seed)
    return [FRESH[pick(rng, _CHECK_KINDS)](rng) for _ in range(count)]


# ------------------------------------------------------------------------ report texts
# (text, whether the victim lost money). Slots named after an indicator kind (phone, phone2,
# card, iban, url, domain, handle, wallet, email, ip) are filled from the scam operation.

_Templates = dict[str, list[tuple[str, bool]]]

_TEMPLATES: dict[ScamCategory, _Templates] = {
    _C.MARKETPLACE_AD: {
        "ru": [
            (
                "Продавец на OLX предложил {item_ru} за {sum}, попросил предоплату на карту "
                "{card}. Я перевела {amount}, после этого он перестал отвечать, номер {phone} "
                "недоступен.",
                True,
            ),
            (
                "Продавал машину на Kolesa, «покупатель» прислал ссылку для получения оплаты "
                "{url} , я ввёл данные карты и с неё списали {amount}. Его номер: {phone}.",
                True,
            ),
            (
                "Сдают квартиру посуточно, хозяйка попросила предоплату {amount} переводом по номеру "
                "{phone}. Обещала передать ключи {date}, но пропала и больше не берёт трубку.",
                True,
            ),
            (
                "Пересылаю сообщение от «покупателя»: «Здравствуйте, оплатил ваш товар через OLX "
                "Доставку, заказ №{order}. Для получения денег перейдите {url} и введите данные "
                "карты». Писал с номера {phone}.",
                False,
            ),
            (
                "Купила {item_ru} в инстаграм-магазине {handle}, оплатила {amount} на карту {card}. "
                "Товар так и не пришёл, продавец меня заблокировал.",
                True,
            ),
            (
                "продавец скинул реквизиты {card} (Айгерим Б.), я оплатил {amount} за {item_ru}, "
                "потом написал что нужно доплатить за доставку. номер для связи {phone}",
                True,
            ),
        ],
        "kk": [
            (
                "OLX-те {item_kk} сатып алмақ болдым. Сатушы алдын ала төлем сұрады, {card} "
                "картасына {amount} аудардым. Содан кейін {phone} нөмірі өшірулі тұр.",
                True,
            ),
            (
                "Instagram-дағы {handle} дүкенінен {item_kk} сатып алдым, {amount} төледім, бірақ "
                "тауар әлі келген жоқ. Сатушының нөмірі: {phone}.",
                True,
            ),
            (
                "{item_kk} сату туралы хабарландыру бердім. «Сатып алушы» ақшаны алу үшін {url} "
                "сілтемесіне кіріп, карта деректерін енгізуді сұрады. Енгізгеннен кейін картамнан "
                "{amount} шешіліп кетті.",
                True,
            ),
            (
                "Пәтерді жалға беремін деген адам кепіл ақы ретінде {amount} сұрады, Kaspi арқылы "
                "{phone} нөміріне аудардым. {date} кілтті беремін деп уәде беріп, хабарсыз кетті.",
                True,
            ),
            (
                "Хабарландыруыма мынадай хат келді: «Сәлеметсіз бе, тауарыңызды OLX Жеткізу арқылы "
                "төледім, тапсырыс №{order}. Ақшаны алу үшін {url} сілтемесіне өтіңіз». Жазған "
                "нөмір: {phone}.",
                False,
            ),
        ],
        "en": [
            (
                "I tried to buy {item_en} on OLX. The seller asked for a prepayment to card {card}, "
                "I sent {amount} and he stopped answering. His phone {phone} is now switched off.",
                True,
            ),
            (
                'I was selling {item_en} on OLX. A "buyer" sent me a link {url} to receive the '
                "payment, I entered my card details and {amount} was debited.",
                True,
            ),
            (
                "Bought {item_en} from the Instagram shop {handle}, paid {amount} by Kaspi transfer "
                "to {phone}. Nothing was delivered, order #{order}.",
                True,
            ),
            (
                'Message I got from a fake buyer: "Hello, I paid for your item via OLX delivery, '
                'order #{order}. To receive the money follow {url}". Number: {phone}.',
                False,
            ),
        ],
    },
    _C.FAKE_BANK_CALL: {
        "ru": [
            (
                "Позвонили с номера {phone}, представились службой безопасности {bank}. Сказали, "
                "что по моей карте подозрительная операция и нужно перевести деньги на «безопасный "
                "счёт» {iban}. Я перевела {amount}.",
                True,
            ),
            (
                "{date} в {time} звонок с {phone}: «сотрудник банка» сказал, что на меня пытаются "
                "оформить кредит, и попросил продиктовать код из СМС. После этого с карты списали "
                "{amount}.",
                True,
            ),
            (
                "Звонили с {phone} и {phone2}, говорили что из {bank}, просили установить "
                "приложение и назвать код. Я ничего не сделала, сразу положила трубку.",
                False,
            ),
            (
                "Пришло СМС: «{bank}: ваша карта заблокирована. Для разблокировки позвоните "
                "{phone}». Перезвонила, меня убедили перевести {amount} на карту {card}.",
                True,
            ),
            (
                "мне позвонили с {phone} сказали что из банка и что мою карту взломали, потом "
                "переключили на «специалиста» с {phone2}. в итоге я перевела все накопления "
                "{amount} на счет {iban}",
                True,
            ),
        ],
        "kk": [
            (
                "{phone} нөмірінен {bank} қауіпсіздік қызметі деп хабарласты. Картаңыздан күмәнді "
                "операция жасалып жатыр, ақшаны қауіпсіз шотқа аударыңыз деді. {iban} шотына "
                "{amount} аудардым.",
                True,
            ),
            (
                "Банк қызметкері деп таныстырған адам {phone} нөмірінен қоңырау шалып, SMS-кодты "
                "сұрады. Кодты айтқаннан кейін картамнан {amount} шешілді.",
                True,
            ),
            (
                "{date} күні {phone} нөмірінен қоңырау түсті, атыңызға несие рәсімделіп жатыр деді. "
                "Мен ештеңе айтпай, тұтқаны қойдым.",
                False,
            ),
            (
                "«{bank}: картаңыз бұғатталды, {phone} нөміріне хабарласыңыз» деген SMS келді. "
                "Хабарласқан соң, {card} картасына {amount} аударуға көндірді.",
                True,
            ),
        ],
        "en": [
            (
                "Got a call from {phone}, the man said he was from {bank} security and that someone "
                "was trying to take a loan in my name. He convinced me to move {amount} to a "
                '"safe account" {iban}.',
                True,
            ),
            (
                'A "bank employee" called me from {phone} and asked for the SMS code. After I gave '
                "it, {amount} was withdrawn from my card.",
                True,
            ),
            (
                'SMS received: "{bank}: your card is blocked, call {phone} to unblock". I did not '
                "call. Reporting so the number gets blocked.",
                False,
            ),
            (
                'On {date} at {time} I got calls from {phone} and {phone2} about "suspicious '
                'transactions". They made me transfer {amount} to card {card}.',
                True,
            ),
        ],
    },
    _C.FAKE_POLICE_CALL: {
        "ru": [
            (
                "Позвонил «следователь» с номера {phone}, сказал что мои данные используют "
                "мошенники и нужно задекларировать сбережения. Под его диктовку перевела {amount} "
                "на счёт {iban}.",
                True,
            ),
            (
                "Звонок по WhatsApp с {phone}, человек в форме по видео назвался сотрудником "
                "полиции, угрожал уголовным делом, если не переведу деньги на карту {card}. "
                "Перевела {amount}.",
                True,
            ),
            (
                "Мне звонили с {phone}, представились департаментом полиции и потребовали перевести "
                "{sum} для «закрытия дела» сына. Я перезвонила сыну, всё в порядке, деньги не "
                "отправила.",
                False,
            ),
            (
                "Пожилой маме позвонили с {phone} якобы из КНБ, она сняла {amount} и отправила "
                "через Kaspi на номер {phone2}.",
                True,
            ),
        ],
        "kk": [
            (
                "{phone} нөмірінен полиция қызметкерімін деп хабарласты, сіздің атыңызбен "
                "қылмыстық іс қозғалды деді. Қорқып кетіп, {card} картасына {amount} аудардым.",
                True,
            ),
            (
                "Тергеуші деп таныстырған адам {phone} нөмірінен WhatsApp арқылы видеоқоңырау "
                "шалды. Жинақтарыңызды {iban} шотына аударыңыз деді, {amount} жібердім.",
                True,
            ),
            (
                "ҰҚК қызметкерімін деп {phone} нөмірінен қоңырау шалып, ақша сұрады. Мен ақша "
                "аудармадым, нөмірді тексеруді сұраймын.",
                False,
            ),
        ],
        "en": [
            (
                "A man called from {phone} claiming to be a police investigator. He said my "
                "accounts were used to finance crime and told me to transfer my savings to {iban}. "
                "I sent {amount}.",
                True,
            ),
            (
                'Video call on WhatsApp from {phone}, a "police officer" in uniform threatened me '
                "with a criminal case and demanded payment to card {card}. I paid {amount}.",
                True,
            ),
            (
                "Someone called from {phone} saying he was from the financial police and that my "
                "son was detained. He asked for {sum}. I called my son and he was fine.",
                False,
            ),
        ],
    },
    _C.INVESTMENT_SCAM: {
        "ru": [
            (
                "Увидела рекламу в Instagram про инвестиции в акции {company} с доходом {percent}% "
                "в месяц. Менеджер в телеграме {handle} открыл мне «личный кабинет» на {url} , я "
                "внесла {amount}, вывести деньги не могу.",
                True,
            ),
            (
                "Вложил {amount} в криптовалюту через «брокера», переводил USDT на кошелёк {wallet}. "
                "На сайте {url} показывает прибыль, но для вывода требуют оплатить «налог».",
                True,
            ),
            (
                "Предложили пассивный доход на бирже, менеджер звонил с {phone}, деньги переводил на "
                "карту {card} частями, всего {amount}.",
                True,
            ),
            (
                "Пересылаю рекламу: «Инвестируйте от 100 000 тг в {company} и получайте от "
                "{percent}% в месяц! Регистрация: {url} Менеджер: {handle}»",
                False,
            ),
        ],
        "kk": [
            (
                "Instagram-да {company} акцияларына инвестиция салып, айына {percent}% табыс табу "
                "туралы жарнама көрдім. {handle} менеджері {url} сайтында жеке кабинет ашып берді, "
                "{amount} салдым, енді ақшамды шығара алмаймын.",
                True,
            ),
            (
                "Криптовалютаға инвестиция деп {wallet} әмиянына USDT аудардым, барлығы {amount}. "
                "Пайданы шығару үшін тағы салық төле дейді.",
                True,
            ),
            (
                "Брокермін деген адам {phone} нөмірінен хабарласып, биржада табыс табуды ұсынды. "
                "{card} картасына бөліп-бөліп {amount} аудардым.",
                True,
            ),
        ],
        "en": [
            (
                "I saw an ad promising {percent}% a month from investing in {company}. A manager on "
                "Telegram {handle} opened an account for me on {url} . I deposited {amount} and now "
                "cannot withdraw.",
                True,
            ),
            (
                "Sent USDT worth {amount} to the wallet {wallet} for a crypto trading platform "
                '{url} . They now demand a "tax" before any withdrawal.',
                True,
            ),
            (
                'Investment "broker" called from {phone}, I transferred {amount} in several parts '
                "to card {card}.",
                True,
            ),
        ],
    },
    _C.PYRAMID: {
        "ru": [
            (
                "Вступила в «клуб взаимопомощи» через телеграм-канал {handle}. Нужно было внести "
                "{amount} на счёт {iban} и пригласить трёх человек. Выплаты прекратились, "
                "организаторы не отвечают.",
                True,
            ),
            (
                "Проект {project} обещал удвоить вклад за {days} дней. Мы с родственниками вложили "
                "{amount}, деньги отправляли по номеру {phone} через Kaspi. Сайт {url} больше не "
                "открывается.",
                True,
            ),
            (
                "Пересылаю сообщение из чата: «{project} — платим каждый день! Вход от 50 000 тг, "
                "бонус за каждого приглашённого. Подробнее {url} или пишите {handle}»",
                False,
            ),
        ],
        "kk": [
            (
                "{project} жобасы салымды {days} күнде екі есе көбейтеміз деп уәде берді. "
                "Туыстарыммен бірге {amount} салдық, ақшаны {phone} нөміріне Kaspi арқылы "
                "аудардық. Қазір {url} сайты ашылмайды.",
                True,
            ),
            (
                "Телеграмдағы {handle} арнасы арқылы «өзара көмек» клубына кірдім. {iban} шотына "
                "{amount} салып, үш адам шақыру керек болды. Төлемдер тоқтап қалды.",
                True,
            ),
            (
                "Чатқа мынадай хабарлама келді: «{project} — күн сайын табыс! Әр шақырылған адам "
                "үшін бонус. Толығырақ: {url}»",
                False,
            ),
        ],
        "en": [
            (
                'Joined a "mutual help club" through the Telegram channel {handle}. I had to pay '
                "{amount} to account {iban} and invite three people. Payouts stopped and the "
                "organisers disappeared.",
                True,
            ),
            (
                "The project {project} promised to double deposits in {days} days. My family "
                "invested {amount}, payments went to {phone} via Kaspi transfer. The site {url} is "
                "down now.",
                True,
            ),
            (
                'Forwarding a chat message: "{project} pays daily! Entry from 50,000 KZT, bonus for '
                'every friend you invite. Details: {url}"',
                False,
            ),
        ],
    },
    _C.LOAN_IN_VICTIM_NAME: {
        "ru": [
            (
                "Позвонили с {phone}, сказали что из {bank}, и под предлогом «отмены заявки» "
                "выманили код из СМС. Через час на меня оформили кредит в МФО на {amount}, деньги "
                "ушли на карту {card}.",
                True,
            ),
            (
                "Узнала из кредитного бюро, что на мой ИИН {iin} {date} оформлен микрокредит на "
                "{amount}. Я его не брала. Деньги переведены на карту {card}.",
                True,
            ),
            (
                "Мне прислали ссылку {url} якобы для «проверки кредитной истории» через eGov, я "
                "ввела ИИН и код. Потом на меня взяли онлайн-займ {amount}.",
                True,
            ),
        ],
        "kk": [
            (
                "{phone} нөмірінен банктен хабарласып жатырмыз деп, SMS-кодты сұрады. Бір сағаттан "
                "кейін атыма {amount} микрокредит рәсімделді, ақша {card} картасына кеткен.",
                True,
            ),
            (
                "Несие бюросынан менің атыма {date} күні {amount} несие рәсімделгенін білдім. Мен "
                "несие алған жоқпын. Ақша {card} картасына аударылған.",
                True,
            ),
            (
                "«Несие тарихын тексеру» деп {url} сілтемесін жіберді, eGov кодын енгіздім. Содан "
                "кейін атыма онлайн-несие алынды, сомасы {amount}.",
                True,
            ),
        ],
        "en": [
            (
                "Someone called from {phone} pretending to be from {bank} and got the SMS code from "
                "me. An hour later a microloan of {amount} was issued in my name and the money went "
                "to card {card}.",
                True,
            ),
            (
                "I found out from the credit bureau that a loan of {amount} was taken in my name on "
                "{date} (IIN {iin}). I never applied. The money was sent to card {card}.",
                True,
            ),
            (
                'I got a link {url} to "check my credit history" via eGov and entered my IIN and '
                "the code. Then an online loan of {amount} was taken in my name.",
                True,
            ),
        ],
    },
    _C.PRIZE_LOTTERY: {
        "ru": [
            (
                "Пришло СМС: «Поздравляем! Вы выиграли {prize_ru} в розыгрыше {store}. Для "
                "получения приза перейдите {url}». Я оплатила «доставку» {amount} и ничего не "
                "получила.",
                True,
            ),
            (
                "Позвонили с {phone}, сказали что я выиграла {sum} в лотерее {store}, но нужно "
                "оплатить налог на карту {card}. Перевела {amount}.",
                True,
            ),
            (
                "В WhatsApp пишут с {phone}: «Вы стали победителем акции {store}! Заберите приз по "
                "ссылке {url}». Ничего не оплачивала, просто сообщаю.",
                False,
            ),
        ],
        "kk": [
            (
                "SMS келді: «Құттықтаймыз! Сіз {store} ұтыс ойынында {prize_kk} ұтып алдыңыз. "
                "Сыйлықты алу үшін {url} сілтемесіне өтіңіз». Жеткізу үшін {amount} төледім, "
                "ештеңе келмеді.",
                True,
            ),
            (
                "{phone} нөмірінен хабарласып, лотереяда {sum} ұттыңыз, салығын {card} картасына "
                "төлеңіз деді. {amount} аудардым.",
                True,
            ),
            (
                "WhatsApp-қа {phone} нөмірінен «{store} акциясының жеңімпазы атандыңыз! Сыйлықты "
                "алу: {url}» деген хабарлама келді. Ештеңе төлемедім.",
                False,
            ),
        ],
        "en": [
            (
                'SMS: "Congratulations! You won {prize_en} in the {store} draw. Claim your prize '
                'at {url}". I paid {amount} for "delivery" and got nothing.',
                True,
            ),
            (
                "Got a call from {phone} saying I won {sum} in a lottery, but had to pay the tax to "
                "card {card} first. I sent {amount}.",
                True,
            ),
            (
                'WhatsApp message from {phone}: "You are the winner of the {store} promotion! '
                'Collect your gift: {url}". I did not pay anything.',
                False,
            ),
        ],
    },
    _C.PHISHING_LINK: {
        "ru": [
            (
                "Пришло СМС якобы от eGov: «Ваша ЭЦП истекает, обновите данные по ссылке {url}». "
                "Я перешла и ввела данные карты, с неё списали {amount}.",
                True,
            ),
            (
                "Сообщение от «Казпочты»: «Ваша посылка {track} задержана, оплатите доставку {sum} "
                "на {url}». Не переходила, сайт явно поддельный, домен {domain}",
                False,
            ),
            (
                "Получила письмо с адреса {email} от имени {bank} со ссылкой {url} . Ввела логин и "
                "пароль от интернет-банкинга, после чего со счёта пропало {amount}.",
                True,
            ),
            (
                "Фишинговый сайт {url} копирует страницу входа {bank}, размещён на IP {ip}. Прошу "
                "заблокировать.",
                False,
            ),
        ],
        "kk": [
            (
                "eGov атынан SMS келді: «ЭЦҚ мерзімі бітіп жатыр, деректеріңізді {url} сілтемесі "
                "арқылы жаңартыңыз». Сілтемеге кіріп, карта деректерін енгіздім, {amount} "
                "шешілді.",
                True,
            ),
            (
                "«Қазпошта» атынан хабарлама: «{track} сәлемдемеңіз кідіртілді, жеткізу ақысын "
                "{url} сайтында төлеңіз». Мен кірмедім, бұл жалған сайт: {domain}",
                False,
            ),
            (
                "{email} поштасынан {bank} атынан хат келді, ішінде {url} сілтемесі бар. Логин мен "
                "құпиясөзді енгізгеннен кейін шотымнан {amount} жоғалды.",
                True,
            ),
        ],
        "en": [
            (
                'I received an SMS from "eGov": "Your digital signature expires today, update '
                'your details at {url}". I entered my card details and {amount} was stolen.',
                True,
            ),
            (
                'Fake Kazpost message: "Your parcel {track} is on hold, pay the delivery fee at '
                '{url}". I did not open it. The domain {domain} should be blocked.',
                False,
            ),
            (
                "Phishing e-mail from {email} pretending to be {bank}, with a link to {url} . I "
                "logged in and {amount} disappeared from my account.",
                True,
            ),
            ("The phishing page {url} is hosted at {ip} and copies the {bank} login page.", False),
        ],
    },
    _C.ROMANCE: {
        "ru": [
            (
                "Познакомилась в Instagram с мужчиной {handle}, представился военным врачом из США. "
                "Через месяц попросил оплатить «таможню» за посылку с подарком, я перевела "
                "{amount} на карту {card}.",
                True,
            ),
            (
                "Познакомился в Telegram ({handle}) с девушкой из Алматы, она попросила денег на "
                "билет. Переводил на {phone} через Kaspi, всего {amount}.",
                True,
            ),
            (
                "Переписывалась с «иностранцем» по почте {email}, он обещал приехать и жениться. "
                "Просил оплатить перелёт, я отправила {amount} на счёт {iban}.",
                True,
            ),
        ],
        "kk": [
            (
                "Instagram-да {handle} деген ер адаммен таныстым, өзін АҚШ-тағы әскери дәрігермін "
                "деді. Сыйлық жіберемін деп, кедендік төлем үшін {card} картасына {amount} "
                "аудартты.",
                True,
            ),
            (
                "Telegram-да {handle} арқылы бір қызбен таныстым, ол ұшақ билетіне ақша сұрады. "
                "{phone} нөміріне Kaspi арқылы барлығы {amount} жібердім.",
                True,
            ),
            (
                "{email} поштасы арқылы шетелдікпен хат жазыстым, үйленемін деді. Ұшақ билетін "
                "төлеуге {iban} шотына {amount} салдым.",
                True,
            ),
        ],
        "en": [
            (
                "I met a man on Instagram ({handle}) who said he was a US army doctor. After a month "
                "he asked me to pay customs for a parcel with gifts, and I transferred {amount} to "
                "card {card}.",
                True,
            ),
            (
                "A woman I met on Telegram, {handle}, asked for money for a plane ticket. I sent "
                "{amount} to {phone} via Kaspi.",
                True,
            ),
            (
                'Online romance with a "foreigner" writing from {email}. He asked me to pay for '
                "his flight; I wired {amount} to {iban}.",
                True,
            ),
        ],
    },
    _C.OTHER: {
        "ru": [
            (
                "Предложили удалённую работу: ставить лайки на товары за {sum} в день. Для "
                "«повышения уровня» попросили перевести {amount} на карту {card}. Куратор в "
                "телеграме {handle}.",
                True,
            ),
            (
                "Взломали аккаунт сестры в WhatsApp и от её имени просили в долг на номер {phone}. "
                "Я перевела {amount}.",
                True,
            ),
            (
                "Объявление о продаже водительских прав без экзамена, оплата на карту {card}, связь "
                "{phone}. Заплатил {amount}, никаких прав, конечно, нет.",
                True,
            ),
            (
                "Звонили с {phone} якобы из {operator}: «срок действия вашей SIM-карты истекает, "
                "продиктуйте код». Не продиктовала.",
                False,
            ),
            (
                "Обмен USDT по выгодному курсу через {handle}: перевёл {amount} на карту {card}, "
                "а на кошелёк {wallet} так ничего и не пришло.",
                True,
            ),
        ],
        "kk": [
            (
                "Үйде отырып жұмыс ұсынды: тауарларға лайк басып, күніне {sum} табыс. Деңгейді "
                "көтеру үшін {card} картасына {amount} аудар деді. Куратор: {handle}.",
                True,
            ),
            (
                "Әпкемнің WhatsApp аккаунтын бұзып, оның атынан {phone} нөміріне қарызға ақша "
                "сұрады. Мен {amount} аудардым.",
                True,
            ),
            (
                "{phone} нөмірінен {operator} операторы атынан хабарласып, SIM-картаңыздың мерзімі "
                "бітеді, кодты айтыңыз деді. Мен кодты айтпадым.",
                False,
            ),
        ],
        "en": [
            (
                'Offered a remote job liking products for {sum} a day. To "upgrade my level" they '
                "asked me to transfer {amount} to card {card}. Curator on Telegram: {handle}.",
                True,
            ),
            (
                "My sister's WhatsApp was hacked and someone asked me for a loan to {phone}. I "
                "transferred {amount}.",
                True,
            ),
            (
                "A caller from {phone} claimed to be from {operator} and said my SIM card would "
                "expire unless I told him the code. I hung up.",
                False,
            ),
        ],
    },
}

_SLOT_KINDS = {
    "phone": "phone",
    "card": "card",
    "iban": "iban",
    "url": "url",
    "domain": "domain",
    "ip": "ip",
    "email": "email",
    "wallet": "crypto_wallet",
    "handle": "social_handle",
}


def _slots(template: str) -> list[tuple[str, str]]:
    """(slot name, indicator kind) of each indicator slot in ``template``."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return [
        (n, _SLOT_KINDS[n.rstrip("0123456789")])
        for n in names
        if n.rstrip("0123456789") in _SLOT_KINDS
    ]


def _platform(template: str) -> str | None:
    """The messenger a template names, so a handle in it looks like one of that platform's."""
    lowered = template.lower()
    if "instagram" in lowered or "инстаграм" in lowered:
        return "instagram"
    if "telegram" in lowered or "телеграм" in lowered:
        return "telegram"
    return None


def _on_platform(rng: random.Random, drawn: Drawn, platform: str | None) -> Drawn:
    """``drawn`` as a handle on ``platform``; Telegram has no dots, so such a one is replaced."""
    if platform is None or drawn[0] == platform:  # type: ignore[index]
        return drawn
    while platform == "telegram" and "." in drawn[1]:  # type: ignore[index]
        drawn = draw(rng, "social_handle")
    return (platform, drawn[1])  # type: ignore[index]


# (template, slots, loss, platform) per category and language, parsed once
_PARSED = {
    (category, language): [(text, _slots(text), loss, _platform(text)) for text, loss in templates]
    for category, by_language in _TEMPLATES.items()
    for language, templates in by_language.items()
}
_CATEGORY_KINDS = {
    category: sorted(
        {kind for lang in by_language.values() for text, _ in lang for _, kind in _slots(text)}
    )
    for category, by_language in _TEMPLATES.items()
}

_INTROS = {
    "ru": [
        "",
        "",
        "",
        "Здравствуйте. ",
        "Добрый день! ",
        "Помогите, пожалуйста! ",
        "Хочу сообщить о мошенничестве. ",
        "Здравствуйте, я из {city}. ",
    ],
    "kk": [
        "",
        "",
        "Сәлеметсіз бе! ",
        "Қайырлы күн. ",
        "Көмектесіңіздерші! ",
        "Алаяқтық туралы хабарлаймын. ",
    ],
    "en": ["", "", "Hello. ", "Hi. ", "Good afternoon. ", "I want to report a scam. "],
}
# (closings for any report, closings only for a report of lost money)
_OUTROS = {
    "ru": (
        ["", "", "", " Прошу принять меры.", " Будьте осторожны!", " Прошу заблокировать."],
        [" Помогите вернуть деньги!", " Заявление в полицию уже написала.", " Что теперь делать?"],
    ),
    "kk": (
        ["", "", " Шара қолдануларыңызды сұраймын.", " Абай болыңыздар!"],
        [" Ақшамды қайтаруға көмектесіңіздер.", " Полицияға арыз жаздым."],
    ),
    "en": (
        ["", "", " Please take action.", " Be careful!"],
        [" Please help me get my money back.", " I have already contacted my bank."],
    ),
}
# Where the writer says they are from (Russian genitive), matching the report's region.
_CITY = {
    Region.ALMATY_CITY: "Алматы",
    Region.ASTANA: "Астаны",
    Region.SHYMKENT: "Шымкента",
    Region.KARAGANDA: "Караганды",
    Region.AKTOBE: "Актобе",
    Region.PAVLODAR: "Павлодара",
    Region.EAST_KAZAKHSTAN: "Усть-Каменогорска",
    Region.ZHAMBYL: "Тараза",
    Region.KOSTANAY: "Костаная",
    Region.ATYRAU: "Атырау",
    Region.MANGYSTAU: "Актау",
    Region.WEST_KAZAKHSTAN: "Уральска",
    Region.KYZYLORDA: "Кызылорды",
    Region.NORTH_KAZAKHSTAN: "Петропавловска",
    Region.TURKISTAN: "Туркестана",
    Region.ABAI: "Семея",
    Region.ZHETISU: "Талдыкоргана",
    Region.ULYTAU: "Жезказгана",
    Region.AKMOLA: "Кокшетау",
    Region.ALMATY_REGION: "Конаева",
}
_FILL = {
    "item_ru": [
        "iPhone 14 Pro",
        "детскую коляску",
        "PS5",
        "диван",
        "ноутбук MacBook Air",
        "шубу",
        "холодильник Samsung",
        "AirPods Pro",
        "велосипед",
        "кухонный гарнитур",
    ],
    "item_kk": [
        "iPhone 14 Pro телефонын",
        "балалар арбасын",
        "PS5 приставкасын",
        "диванды",
        "ноутбукты",
        "тоңазытқышты",
        "жиһаз жиынтығын",
        "велосипедті",
    ],
    "item_en": [
        "an iPhone 14 Pro",
        "a PS5",
        "a baby stroller",
        "a sofa",
        "a MacBook Air",
        "a Samsung fridge",
        "AirPods Pro",
        "a bicycle",
    ],
    "prize_ru": [
        "iPhone 15",
        "автомобиль Chery Tiggo",
        "телевизор Samsung",
        "50 000 бонусов",
        "поездку в Дубай",
    ],
    "prize_kk": [
        "iPhone 15 смартфонын",
        "Chery Tiggo көлігін",
        "Samsung теледидарын",
        "Дубайға жолдаманы",
    ],
    "prize_en": ["an iPhone 15", "a Chery Tiggo car", "a Samsung TV", "a trip to Dubai"],
    "bank": [
        "Kaspi Bank",
        "Halyk Bank",
        "Jusan Bank",
        "ForteBank",
        "Home Credit Bank",
        "Freedom Bank",
        "BCC",
        "Bereke Bank",
        "Eurasian Bank",
    ],
    "store": [
        "Kaspi",
        "Magnum",
        "Small",
        "Technodom",
        "Sulpak",
        "Wildberries",
        "Air Astana",
        "Beeline",
        "Kcell",
    ],
    "company": [
        "Kazatomprom",
        "Tesla",
        "Газпром",
        "KEGOC",
        "Air Astana",
        "Kaspi",
        "Amazon",
        "Samruk-Kazyna",
        "KazMunayGas",
    ],
    "project": [
        "QazCoin",
        "Altyn Qor",
        "Umai Club",
        "Bereke Invest",
        "Tabys Group",
        "Finiko",
        "Aqsha Club",
        "Jetisu Capital",
    ],
    "operator": ["Kcell", "Beeline", "Tele2", "Altel", "Activ"],
}
_MONTHS = {
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "kk": [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

# ------------------------------------------------------------------------ distributions

_CATEGORY_SHARE = weighted(
    [
        (_C.MARKETPLACE_AD, 22),
        (_C.FAKE_BANK_CALL, 18),
        (_C.FAKE_POLICE_CALL, 6),
        (_C.INVESTMENT_SCAM, 12),
        (_C.PYRAMID, 5),
        (_C.LOAN_IN_VICTIM_NAME, 8),
        (_C.PRIZE_LOTTERY, 6),
        (_C.PHISHING_LINK, 11),
        (_C.ROMANCE, 4),
        (_C.OTHER, 8),
    ]
)
_LANGUAGES = weighted([("ru", 55), ("kk", 20), ("en", 25)])
_REGIONS = weighted(
    [
        (Region.ALMATY_CITY, 20),
        (Region.ASTANA, 14),
        (Region.SHYMKENT, 9),
        (Region.KARAGANDA, 7),
        (Region.ALMATY_REGION, 5),
        (Region.AKTOBE, 4),
        (Region.EAST_KAZAKHSTAN, 4),
        (Region.PAVLODAR, 4),
        (Region.TURKISTAN, 4),
        (Region.ZHAMBYL, 3.5),
        (Region.KOSTANAY, 3),
        (Region.ATYRAU, 3),
        (Region.MANGYSTAU, 3),
        (Region.AKMOLA, 2.5),
        (Region.WEST_KAZAKHSTAN, 2.5),
        (Region.KYZYLORDA, 2.5),
        (Region.NORTH_KAZAKHSTAN, 2),
        (Region.ABAI, 2),
        (Region.ZHETISU, 2),
        (Region.ULYTAU, 1),
    ]
)
# Median loss in tenge; losses are log-normal around it, so a few victims lose millions.
_MEDIAN_LOSS = {
    _C.MARKETPLACE_AD: 60_000,
    _C.FAKE_BANK_CALL: 350_000,
    _C.FAKE_POLICE_CALL: 800_000,
    _C.INVESTMENT_SCAM: 600_000,
    _C.PYRAMID: 300_000,
    _C.LOAN_IN_VICTIM_NAME: 400_000,
    _C.PRIZE_LOTTERY: 25_000,
    _C.PHISHING_LINK: 120_000,
    _C.ROMANCE: 450_000,
    _C.OTHER: 70_000,
}
_MIN_LOSS, _MAX_LOSS = 5_000, 5_000_000
# Other sums a text names (a prize, a daily wage, a delivery fee): (low, high, step) in tenge
_SUM_RANGE = {
    _C.PRIZE_LOTTERY: (100_000, 5_000_000, 50_000),
    _C.FAKE_POLICE_CALL: (200_000, 3_000_000, 50_000),
    _C.OTHER: (5_000, 40_000, 1_000),
    _C.PHISHING_LINK: (390, 2_990, 100),
    _C.MARKETPLACE_AD: (15_000, 700_000, 500),
}
_POPULARITY_EXPONENT = 0.9  # Zipf-like: operation i draws reports in proportion to (i+1)^-0.9
_FRESH_INDICATOR = 0.12  # share of slots filled by a one-off indicator outside any operation


def _loss(rng: random.Random, category: ScamCategory) -> int:
    amount = _MEDIAN_LOSS[category] * math.exp(rng.gauss(0.0, 1.0))
    amount = min(max(amount, _MIN_LOSS), _MAX_LOSS)
    step = (
        rng.choice((10, 500, 1000, 1000, 5000))
        if amount < 200_000
        else rng.choice((1000, 5000, 10_000, 50_000))
    )
    return max(_MIN_LOSS, round(amount / step) * step)


def _spaced(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def _money(rng: random.Random, amount: int, language: str) -> str:
    """An amount written the way people write it: ``150 000 тг``, ``KZT 150,000``, ..."""
    r = rng.random()
    if language == "en":
        if r < 0.4:
            return f"{amount:,} KZT"
        if r < 0.6:
            return f"KZT {amount:,}"
        if r < 0.85:
            return f"{amount:,} tenge"
        return f"₸{amount:,}"
    currency = ("тг", "тенге", "₸") if language == "ru" else ("теңге", "тг", "₸")
    if language == "ru" and amount % 1000 == 0 and amount < 1_000_000 and r < 0.15:
        return f"{amount // 1000} тыс. тг"
    if language == "ru" and amount % 100_000 == 0 and amount >= 1_000_000 and r < 0.5:
        return f"{amount / 1_000_000:.1f}".replace(".", ",").replace(",0", "") + " млн тенге"
    if r < 0.7:
        return f"{_spaced(amount)} {rng.choice(currency)}"
    if r < 0.9:
        return f"{amount} {rng.choice(currency)}"
    return f"{_spaced(amount)}{currency[-1]}"


def _date(rng: random.Random, language: str) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2023, 2024, 2025))
    r = rng.random()
    if r < 0.5:
        return f"{day:02d}.{month:02d}.{year}"
    if language == "en":
        return f"{_MONTHS['en'][month - 1]} {day}" if r < 0.8 else f"{day:02d}/{month:02d}/{year}"
    return f"{day} {_MONTHS[language][month - 1]}"


def _order(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:  # looks like a phone number: only the word before it says it is not one
        return rng.choice("78") + f"{rng.randrange(10**10):010d}"
    if r < 0.3:  # as long as a card number
        return f"{rng.randrange(10**15, 10**16)}"
    return str(rng.randrange(10**5, 10 ** rng.randint(7, 12)))


def _iin(rng: random.Random) -> str:
    year, month, day = rng.randrange(100), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year:02d}{month:02d}{day:02d}{rng.choice('3456')}{rng.randrange(10**5):05d}"


def _contact(rng: random.Random) -> str | None:
    r = rng.random()
    if r < 0.42:
        return kz_mobile(rng)
    if r < 0.6:
        first = rng.choice(
            (
                "aigerim",
                "dana",
                "asel",
                "nurlan",
                "arman",
                "olga",
                "timur",
                "madina",
                "yerlan",
                "saule",
                "sergey",
                "zhanna",
            )
        )
        return f"{first}{rng.choice(('.', '_', ''))}{rng.randrange(1, 2000)}@" + rng.choice(
            ("gmail.com", "mail.ru", "inbox.ru", "yandex.kz", "icloud.com")
        )
    return None


# ------------------------------------------------------------------------ operations


class _Operation:
    """A scam operation: the indicators its many victims report, drawn once."""

    __slots__ = ("indicators",)

    def __init__(self, rng: random.Random, category: ScamCategory, expected_reports: float):
        # Big operations burn through many SIM cards, drop cards and links.
        extra = min(int(math.sqrt(expected_reports) / 2), 40)
        self.indicators: dict[str, list[Drawn]] = {}
        for kind in _CATEGORY_KINDS[category]:
            n = 1 + (rng.random() < 0.35)
            if kind in ("phone", "card", "url", "social_handle", "iban"):
                n += extra
            self.indicators[kind] = [draw(rng, kind) for _ in range(n)]

    def choose(self, rng: random.Random, kind: str, taken: list[Drawn]) -> Drawn:
        options = self.indicators[kind]
        for _ in range(4):  # the first few of an operation's numbers get most of the use
            drawn = options[int(len(options) * rng.random() ** 1.5)]
            if drawn not in taken:
                return drawn
        return draw(rng, kind)


class _Pool:
    """Operations per category with Zipf-like popularity, created on first use."""

    def __init__(self, count: int, seed: int):
        self.seed = seed
        size = max(1, count // 8)
        categories, cumulative = _CATEGORY_SHARE
        shares = [b - a for a, b in zip([0.0, *cumulative], cumulative, strict=False)]
        self.cumulative: dict[ScamCategory, list[float]] = {}
        self.expected: dict[ScamCategory, list[float]] = {}
        for category, share in zip(categories, shares, strict=True):
            n = max(1, round(size * share / cumulative[-1]))
            weights = [(i + 1) ** -_POPULARITY_EXPONENT for i in range(n)]
            cum = list(accumulate(weights))
            self.cumulative[category] = cum
            reports = count * share / cumulative[-1]
            self.expected[category] = [reports * w / cum[-1] for w in weights]
        self.operations: dict[tuple[ScamCategory, int], _Operation] = {}

    def pick(self, rng: random.Random, category: ScamCategory) -> _Operation:
        cum = self.cumulative[category]
        index = min(bisect(cum, rng.random() * cum[-1]), len(cum) - 1)
        operation = self.operations.get((category, index))
        if operation is None:
            op_rng = random.Random(f"cyberpol-synth-op:{self.seed}:{category.value}:{index}")
            operation = _Operation(op_rng, category, self.expected[category][index])
            self.operations[category, index] = operation
        return operation


# ------------------------------------------------------------------------ reports


def _report(rng: random.Random, pool: _Pool) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """One report row and the (kind, raw value) of each indicator planted in its text."""
    category = pick(rng, _CATEGORY_SHARE)
    operation = pool.pick(rng, category)
    language = pick(rng, _LANGUAGES)
    template, slots, has_loss, platform = rng.choice(_PARSED[category, language])
    values: dict[str, str] = {}
    planted: list[tuple[str, str]] = []
    taken: list[Drawn] = []
    url_host: str | None = None
    for name, kind in slots:
        if kind == "domain" and url_host is not None:
            drawn: Drawn = url_host  # the domain of the link the same message carries
        elif rng.random() < _FRESH_INDICATOR:
            drawn = draw(rng, kind)
        else:
            drawn = operation.choose(rng, kind, taken)
        taken.append(drawn)
        if kind == "social_handle":
            drawn = _on_platform(rng, drawn, platform)
        if kind == "url" and not drawn[1][0].isdigit():  # type: ignore[index]
            url_host = drawn[1]  # type: ignore[index]
        raw = render(rng, kind, drawn)
        values[name] = raw
        planted.append((kind, raw))
    loss = _loss(rng, category) if has_loss else None
    fields = set(values)
    for _, name, _, _ in string.Formatter().parse(template):
        if not name or name in fields:
            continue
        if name == "amount":
            values[name] = _money(rng, loss or _loss(rng, category), language)
        elif name == "sum":
            low, high, step = _SUM_RANGE[category]
            values[name] = _money(rng, rng.randrange(low, high + 1, step), language)
        elif name == "date":
            values[name] = _date(rng, language)
        elif name == "time":
            values[name] = f"{rng.randint(8, 22)}:{rng.randrange(60):02d}"
        elif name == "order":
            values[name] = _order(rng)
        elif name == "iin":
            values[name] = _iin(rng)
        elif name == "track":
            values[name] = f"{rng.choice(('RR', 'CP', 'LP', 'KZ'))}{rng.randrange(10**9):09d}KZ"
        elif name == "percent":
            values[name] = str(rng.choice((10, 15, 20, 25, 30, 40, 50, 60, 100)))
        elif name == "days":
            values[name] = str(rng.choice((7, 10, 14, 21, 30, 45, 60)))
        else:
            values[name] = rng.choice(_FILL[name])
    region = pick(rng, _REGIONS)
    intro = rng.choice(_INTROS[language]).replace("{city}", _CITY[region])
    closings, loss_closings = _OUTROS[language]
    outro = rng.choice(closings + loss_closings if has_loss else closings)
    text = intro + template.format_map(values) + outro
    if loss is not None and rng.random() < 0.05:
        loss = None  # the victim left the field empty even though the text names the sum
    row: dict[str, object] = {
        "text": text,
        "category": category.value,
        "region": region.value,
        "loss_amount": loss,
        "contact": _contact(rng),
        "language": language,
    }
    return row, planted


def synthetic_reports_with_indicators(
    count: int, *, seed: int = 0
) -> Iterator[tuple[dict[str, object], list[tuple[str, str]]]]:
    """Like ``synthetic_reports``, each row with the (kind, raw) indicators planted in its text."""
    rng = random.Random(seed)
    pool = _Pool(count, seed)
    for _ in range(count):
        yield _report(rng, pool)


def synthetic_reports(count: int, *, seed: int = 0) -> Iterator[dict[str, object]]:
    """Citizen reports as import rows (text, category, region, loss_amount, contact, language)."""
    for row, _ in synthetic_reports_with_indicators(count, seed=seed):
        yield row


__all__ = [
    "KINDS",
    "synthetic_indicator_value",
    "synthetic_indicators",
    "synthetic_reports",
    "synthetic_reports_with_indicators",
    "typed_check_values",
]
