"""An independent ad-export generator for a fictional Kazakh marketplace with planted scam rings.

Written from a textual description only, without looking at ``cyberpol.monitoring`` or
``cyberpol.synth``.  The export of "bazar.kz" over 30 days from 2026-10-05, local time UTC+05:00.
Deterministic per seed (one ``random.Random``); ``build(seed, n_ads)`` returns exactly n_ads ads.
In ``Marketplace.ads`` every value is an exported string (created_at ISO with +05:00) except
image_hashes, a list of 16-hex-digit pHashes.  ad_id: 9 digits, growing with created_at, with
gaps; seller_id: 5-7 digits (new accounts >= 9,800,000).

Categories (slugs): elektronika, telefony, odezhda/shuby (fur), odezhda/drugoe, avto/zapchasti,
nedvizhimost/arenda (monthly AND daily rent: bimodal), mebel, detskiy-mir, zhivotnye, bilety,
rabota (price = salary).  Honest price = item's typical KZT * lognormal(0, .3).  USD for ~8% of
rent and ~2% of phones/electronics, RUB for ~2% of car parts and ~20% of ads by sellers with
Russian numbers (1 USD = 480 KZT, 1 RUB = 5.5 KZT).

Honest populations (label None):
* ordinary sellers: 1-5 ads (50/22/13/9/6%); Russian 85%, Kazakh 10%, English 5%; typos, emoji,
  CAPS, phones in the text (8 707 123 45 67, +7(701)123-45-67, 87011234567, wa.me/7701...); 10%
  repost an ad 1-3 times 2-9 days later (same photos and text, maybe "АКТУАЛЬНО!" or -10%);
  ~4% urgent sales at ~55%; giveaways (6% of animal/kids/furniture ads, price 0, 1 or empty,
  'free kitten'); ~3% of phone/electronics ads paste a shared manufacturer blurb.  Phones: 93%
  Kazakh, 3% Russian +7 9xx, 2% Kyrgyz, 2% Uzbek; 2% none.  Network: 45% home IP (30% join a
  recent household: 2-4 unrelated accounts on one IP, 30% of them sharing the family tablet's
  device id; 20% of their ads from mobile), 52% mobile (60% of ads from one of 6 carrier CGNAT
  IPs shared by hundreds of sellers), 1.5% on the VPN exits the rings use, 1.5% IPv6.  65% use
  the app (Android 16-hex id or iOS UUID; 1% the all-zero UUID; 15% of their ads via web, no
  device).  12% no photo, else 1-8 fresh ones; 4% add one of 12 common stock images (0-2 bits
  re-encoding noise).  8% newly registered.
* shops (1 per 900 honest ads, >= 3, ~30% of honest ads, 30 to hundreds of ads each): ONE seller
  each (phones, electronics, furs, clothes, car parts, furniture, kids, kennel, tickets,
  recruiting); one text template with model/size/colour varied, banners in every ad, product
  photos reused on re-listing, one office IP and phone, 1-2 devices (half via web), "x9 990"
  prices, 8% sale ads at 60%.
* realty agencies (1 per 8,000 honest ads, >= 1, 40-80 ads): 2-4 agents (own phones, devices)
  on one office IP listing the same apartment photos.
* the honest ad a ring stole photos from; a seller whose recycled phone is on the known-bad list.

Scam rings: 2-4% of ads (at least 24 ads and 8 rings, so small builds have a larger share), sizes
log-uniform 3-60 (<= half the target), the first 50-60, the second 3.  One organiser, several
accounts (mostly new).  Scripts: delivery (prepayment, Казпочта; electronics/furniture/kids; a
third of the rings write half in Kazakh), fur coat at a third of the price, cheap iPhones (a
third write half in English; 25% USD), rent with a deposit (20% USD), puppies with prepaid air
delivery, tickets below face value (15% RUB), 'easy money' jobs (salary far ABOVE the market or
empty).  Each ring fixes base variants; every ad rewords them (variant/synonym/transliteration
swaps - Казпочта/KazPost/Қазпошта, WhatsApp/ватсап -, sentence order, dropped sentences, emoji,
Latin homoglyphs, typos, CAPS, newlines).  Prices below the item's typical price (fur 60-72%,
careless 50-60%, rotating 40-60%, careful 30-50%; may still exceed a mixed category's median);
careless rings keep one price per item.  Ads spread over 2-28 days.  >= 2 careless, >= 2 careful:
* careless: 2-4 accounts, one phone (50% foreign: +44/+90/+998/+380/+371/+7 9xx) in all ads and
  texts, one device, 1-3 IPs of one hosting /24, photos 0-1 bits off, a 2-6 day burst;
* rotating: 3-10 accounts, 3-8 phones (half foreign) rotated over accounts and texts, shared VPN
  exits plus a ring hosting IP, 2-3 shared devices (30% web), photos 0-4 bits off, 20% fresh
  photos, 10% stock images;
* careful: accounts with 2-4 ads each (half aged), own Kazakh/Russian phone and own device or
  none, residential/CGNAT IPs, heavy rewording with homoglyphs, photos 2-6 bits off, 40% fresh
  photos, 25% stock images.
25% of rotating/careful rings also post from one hijacked honest account (its own ads stay
None); half the fur/rent/puppy rings steal base photos from an honest ad of the category.

known_bad_phones (E.164): a phone of ~40% of rings, 4 numbers absent from the data, 1 recycled
to an honest seller.  known_bad_links: ~40% of ring links + 3 unrelated.  Labelling rule: an ad
carries its ring id ("R01"...) iff the ring's organiser posted it (any account, hijacked too).

Export quirks: empty device_id/phone/image fields, empty ip on 0.5% of ads; seller_phone as
entered (+77011234567, 87011234567, 8 (701) 123-45-67, 7011234567, +7 701 123 45 67; foreign
E.164 or spaced); price '12000', '12 000', '12000.00', '12000,00', '12<NBSP>000' or empty; hashes
upper-case from the iOS app (upper-case UUID device).  CSV: header order differs from the list,
BOM when utf-8, created_at '2026-10-05 14:03:11' (no offset), hashes joined by ';', quoted
multiline texts (\\n and \\r\\n), CRLF rows; encoding='cp1251' writes '?' for emoji and Kazakh
letters.  JSONL: ISO +05:00, price a number when plain else the string, "" as null, hash list.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

# Dense tables and code, not ruff-formatted on purpose (the formatter would double the length).
# fmt: off
PLATFORM = "bazar.kz"
TZ = timezone(timedelta(hours=5))
START = datetime(2026, 10, 5, tzinfo=TZ)
DAYS = 30
COLUMNS = ["ad_id", "platform", "created_at", "title", "text", "price", "currency", "category",
           "seller_id", "seller_phone", "ip", "device_id", "image_hashes"]
CSV_ORDER = ["ad_id", "created_at", "platform", "category", "title", "text", "price", "currency",
             "seller_id", "seller_phone", "ip", "device_id", "image_hashes"]
RATES = {"KZT": 1.0, "USD": 480.0, "RUB": 5.5}
ZERO_DEV = "00000000-0000-0000-0000-000000000000"
HOUR_W = [1, .5, .3, .2, .2, .3, .8, 1.5, 2.5, 3.5, 4, 4.2, 4.2, 4, 4, 4, 4.2, 4.5, 5, 5.5, 5.5,
          5, 3.5, 2]


def _v(s: str) -> list[str]:
    """Variants written as one '|'-separated string."""
    return s.split("|")


def _items(s: str) -> list[tuple[str, int, str | None]]:
    """'name=price=english|...' (english optional) -> [(name, typical KZT, english or None)]."""
    out = []
    for part in _v(s):
        name, price, *en = part.split("=")
        out.append((name, int(price), en[0] if en else None))
    return out


# category -> (share %, items)
CATS = {
    "elektronika": (12, _items(
        "Ноутбук Lenovo IdeaPad 3=180000=Lenovo IdeaPad 3 laptop|Ноутбук HP Pavilion 15=220000|"
        "MacBook Air M1=380000=MacBook Air M1|Телевизор Samsung 43\"=140000=Samsung 43\" TV|"
        "Телевизор LG 55\"=230000|PlayStation 5=260000=PlayStation 5|"
        "Наушники AirPods Pro=75000=AirPods Pro|Монитор Dell 24\"=60000|"
        "Планшет Samsung Galaxy Tab A8=90000|Колонка JBL Charge 5=55000=JBL Charge 5")),
    "telefony": (14, _items(
        "iPhone 11 64GB=150000=iPhone 11 64GB|iPhone 12 128GB=210000=iPhone 12 128GB|"
        "iPhone 13 128GB=280000=iPhone 13 128GB|iPhone 14 Pro 256GB=450000=iPhone 14 Pro 256GB|"
        "iPhone 15 Pro Max 256GB=620000=iPhone 15 Pro Max 256GB|"
        "Samsung Galaxy A54=150000=Galaxy A54|Samsung Galaxy S23=330000=Galaxy S23|"
        "Xiaomi Redmi Note 12=85000|Poco X5 Pro=110000")),
    "odezhda/shuby": (3, _items("Шуба норковая=450000|Шуба мутоновая=160000|"
                                "Полушубок из кролика=90000|Шуба из чернобурки=380000")),
    "odezhda/drugoe": (12, _items(
        "Пуховик женский=35000|Куртка мужская зимняя=30000|Платье вечернее=20000|"
        "Сапоги кожаные=25000|Кроссовки Nike=28000=Nike sneakers|Костюм мужской=40000|"
        "Камзол казахский=30000")),
    "avto/zapchasti": (12, _items(
        "Шины зимние R16 комплект=120000|Диски R17 комплект=150000|Фара Toyota Camry 70=65000|"
        "Бампер передний Hyundai Accent=45000|Аккумулятор 60Ah=35000|"
        "Магнитола Android 9\"=40000|Коврики в салон=8000")),
    "nedvizhimost/arenda": (12, _items(
        "1-комнатная квартира=170000=1-bedroom flat|2-комнатная квартира=250000=2-bedroom flat|"
        "3-комнатная квартира=350000|Квартира посуточно=15000|Комната в общежитии=60000|"
        "Койко-место=30000")),
    "mebel": (9, _items("Диван угловой=120000|Шкаф-купе=90000|Кухонный гарнитур=250000|"
                        "Стол обеденный=40000|Стулья 4 шт=30000|Кровать двуспальная=80000|"
                        "Комод=35000")),
    "detskiy-mir": (10, _items("Коляска 2 в 1=90000=Stroller 2 in 1|Автокресло=35000|"
                               "Детская кроватка=30000|Велосипед детский=25000|Манеж=20000|"
                               "Конструктор LEGO=15000=LEGO set")),
    "zhivotnye": (6, _items(
        "Щенки шпица=150000=Pomeranian puppies|Щенки хаски=120000=Husky puppies|"
        "Йоркширский терьер щенок=180000|Котята британские=60000=British kittens|"
        "Котята шотландские вислоухие=50000|Попугай волнистый=5000")),
    "bilety": (4, _items("Билеты на концерт Димаша=40000=Dimash concert tickets|"
                         "Билет на Скриптонита=25000|Билеты на футбол Кайрат=5000|"
                         "Билеты в театр Абая=8000|Билеты на Jah Khalib=30000")),
    "rabota": (6, _items("Требуется продавец-консультант=200000|Курьер на авто=300000|"
                         "Водитель категории C=400000|Оператор call-центра=180000|"
                         "Повар в кафе=250000|Официант=150000")),
}
CAT_NAMES = list(CATS)
CAT_W = [CATS[c][0] for c in CAT_NAMES]
CITIES = [("Алматы", _v("Алмалинский р-н|Бостандыкский р-н|мкр Аксай|Самал-2|Ауэзовский р-н")),
          ("Астана", _v("Есильский р-н|левый берег|Сарыарка|р-н Алматы")),
          ("Шымкент", _v("Енбекшинский р-н|мкр Нурсат")), ("Караганда", _v("Юго-Восток|Майкудук")),
          ("Актобе", ["мкр 12"]), ("Павлодар", ["центр"]), ("Атырау", ["Авангард"]),
          ("Костанай", ["центр"]), ("Тараз", ["Жамбыл"]), ("Усть-Каменогорск", ["Ульбинский"])]
COLOURS = _v("черный|белый|серый|синий|красный|бежевый|золотой|зеленый")
SIZES = _v("42|44|46|48|50|52|S|M|L|XL")
EMOJI = _v("🔥|✅|📦|💯|❗|👍|😊|🐶|🐱|🏠|🎫|📱|💥|⚡|🎁|🚚|‼️|💰")
HOMO = dict(zip("аеорсхуАЕОРСТНКМВ", "aeopcxyAEOPCTHKMB", strict=True))
KZ_PREF = _v("700|701|702|705|707|708|747|771|775|776|777|778")
KZ_NETS = [(2, 132, 4), (95, 56, 4), (178, 89, 3), (37, 150, 2), (5, 76, 4), (37, 99, 1),
           (92, 46, 2), (147, 30, 1)]
HOSTING = [(185, 220), (45, 142), (194, 87), (91, 243), (146, 70), (89, 187), (193, 56),
           (103, 152), (5, 188)]
# origin -> (prefix, sub-prefixes, remaining digits)
PHONE_PLAN = {"ru": ("+79", _v("16|26|03|85|99|67|28"), 7), "kg": ("+996", _v("555|700|770|502|990"), 6),
              "uz": ("+998", _v("90|91|93|94|97|99"), 7), "gb": ("+447", _v("700|911|418|883"), 6),
              "tr": ("+905", _v("32|33|42|05|55"), 7), "ua": ("+380", _v("67|50|63|93|97"), 7),
              "lv": ("+3712", [""], 7)}

RU_COND = _v("Состояние отличное.|Состояние хорошее, есть небольшие потертости.|"
             "Б/у, в рабочем состоянии.|Новый, в упаковке.|Пользовались аккуратно.|"
             "Почти не пользовались|Сост. 10/10")
RU_REASON = _v("Продаю в связи с переездом.|Причина продажи - купили новый.|Не подошел размер.|"
               "Срочно, нужны деньги.|Надоел.")
RU_DEAL = _v("Торг уместен.|Без торга!|Небольшой торг.|Торг у капота :)|Обмен не интересует.|"
             "Рассмотрю обмен.")
RU_CONTACT = _v("Звоните {ph}|Пишите в WhatsApp {ph}|Тел: {ph}|Звонить после 18:00|"
                "Пишите в личку|Только звонки, на смс не отвечаю|{ph} ватсап")
RU_WHERE = _v("{city}, {district}.|Самовывоз, {city}.|Находимся в г. {city}.|"
              "Могу отправить Казпочтой в другой город.|Доставка по городу за ваш счет.")
CAT_LINES = {
    "elektronika": _v("Полный комплект, коробка, документы.|Работает идеально, без нареканий.|"
                      "Есть чек.|Гарантия еще {w} мес."),
    "telefony": _v("Емкость аккумулятора {bat}%.|Не вскрывался, не ремонтировался.|"
                   "Face ID работает.|В комплекте чехол и стекло.|Есть царапины на корпусе."),
    "odezhda/shuby": _v("Размер {size}, длина {len} см.|Мех блестящий, не вытертый.|"
                        "Покупали в ЦУМе.|Хранилась в чехле."),
    "odezhda/drugoe": _v("Размер {size}.|Цвет {colour}.|Одевали пару раз.|Оригинал, покупали в Mega."),
    "avto/zapchasti": _v("Подходит на Toyota, Lexus.|Оригинал, снято с машины.|"
                         "Без трещин и сколов.|Остаток протектора 70%."),
    "nedvizhimost/arenda": _v("Есть вся мебель и техника.|Рядом школа, садик, остановка.|"
                              "Оплата помесячно + коммуналка.|Без животных, только семье.|"
                              "Этаж {floor} из 9."),
    "mebel": _v("Самовывоз, помогу вынести.|Размеры {w}0x{floor}0 см.|Цвет {colour}.|"
                "Разобран, все детали на месте."),
    "detskiy-mir": _v("После одного ребенка.|Все механизмы работают.|Подходит от 0 до 3 лет.|"
                      "Цвет {colour}."),
    "zhivotnye": _v("Приучены к лотку.|Возраст {age} мес.|Привиты, обработаны от паразитов.|"
                    "Мама и папа на фото."),
    "bilety": _v("Сектор {sector}.|Электронный билет, передам по WhatsApp.|Встретимся у входа."),
    "rabota": _v("График 5/2, с 9 до 18.|Официальное трудоустройство.|Опыт приветствуется.|"
                 "Обучение на месте."),
}
KK_LINES = _v("{item} сатылады.|Жағдайы өте жақсы.|Бағасы келісімді.|Хабарласыңыз {ph}|"
              "{city} қаласы.|Сұрақтар болса жазыңыз.|Жеткізу бар.")
EN_LINES = _v("Selling {item}.|Good condition.|Price negotiable.|Call/WhatsApp {ph}|"
              "Located in {city}.|Pickup only.")
GIVE = {"zhivotnye": _v("котенка|щенка|котят|kitten"), "detskiy-mir": ["детские вещи пакетом"],
        "mebel": _v("старый шкаф|диван")}
BLURBS = _v("Дисплей Super Retina XDR, процессор A15 Bionic, двойная камера 12 Мп, защита IP68.|"
            "Экран 6,4\" AMOLED 120 Гц, аккумулятор 5000 мАч, быстрая зарядка 25 Вт, NFC.|"
            "Процессор Intel Core i5, 8 ГБ ОЗУ, SSD 512 ГБ, экран 15,6\" Full HD IPS.")
STOCK = _v("iphone_promo|samsung_promo|no_photo|flat_interior|puppy|kitten|concert|vacancy|sofa|"
           "fur|stroller|tyres")
STOCK_BY_CAT = {"telefony": [0, 1, 2], "elektronika": [2], "nedvizhimost/arenda": [3, 2],
                "zhivotnye": [4, 5], "bilety": [6], "rabota": [7], "mebel": [8, 2],
                "odezhda/shuby": [9], "odezhda/drugoe": [2], "detskiy-mir": [10],
                "avto/zapchasti": [11, 2]}
SHOP_KINDS = [("telefony", "iStore KZ"), ("elektronika", "ТехноМир"),
              ("odezhda/shuby", "Меха Премиум"), ("odezhda/drugoe", "Модный Дом"),
              ("avto/zapchasti", "АвтоДеталь"), ("mebel", "Мебель Алматы"),
              ("detskiy-mir", "Детский Рай"), ("zhivotnye", "Питомник Золотой Шпиц"),
              ("bilety", "Ticket Point"), ("rabota", "КадрПлюс")]
SHOP_LINES = _v("✅ В наличии|Гарантия {w} мес|Доставка по городу бесплатно|"
                "Отправка по Казахстану Казпочтой и CDEK|Kaspi рассрочка 0-0-12|"
                "Адрес: {city}, {district}|Instagram: @{insta}|Тел/WhatsApp: {ph}|Цена: {ptext}|"
                "Оригинал, с документами|Работаем без выходных 10:00-20:00|"
                "🔥Скидка при покупке 2 шт|Магазин «{shop}»")
SHOP_VARS = {"odezhda/shuby": SIZES, "odezhda/drugoe": SIZES,
             "zhivotnye": _v("мальчик|девочка|2 мес|3 мес"),
             "bilety": _v("12 ноября|25 октября|VIP|танцпол"), "rabota": [c[0] for c in CITIES[:5]],
             "avto/zapchasti": _v("Camry|Corolla|Accent|Elantra|RAV4")}
TRANSLIT = dict(zip("абвгдеийклмнопрстуфхцыь", _v("a|b|v|g|d|e|i|y|k|l|m|n|o|p|r|s|t|u|f|h|ts|y|"),
                    strict=True))

# scam scripts: category (None = the ring's choice), title variants, sentence slots of variants
SCRIPTS = {
    "delivery": (None, _v("{item} новый, доставка|{item} НОВЫЙ в упаковке|Продаю {item}|"
                          "{item} - распродажа склада|{item} дешево"), [
        _v("Продаю {item}, новый, в упаковке.|Новый {item} в заводской упаковке, продаю.|"
           "Есть в наличии {item}, абсолютно новый."),
        _v("Доставка по всему Казахстану через {post}, 2-3 дня.|"
           "Отправляю {post} в любой город Казахстана.|Доставим {post} в ваш город за 2-4 дня."),
        _v("Оплата: предоплата 50% на {pay}, остаток при получении.|"
           "Работаю только по предоплате на {pay}.|"
           "Бронь после предоплаты на {pay}, остальное при получении."),
        _v("Трек-номер скину сразу после отправки.|Отслеживание на сайте {link}.|"
           "Трек можно проверить на {link}."),
        _v("Цена ниже рынка, так как распродажа остатков.|Дешево, потому что закрываем склад.|"
           "Срочная распродажа, цена окончательная."),
        _v("Пишите в {msg} {ph}|Вопросы только в {msg}: {ph}|{msg} {ph}, звонки не принимаю")]),
    "fur": ("odezhda/shuby", _v("Норковая шуба {size} размер|ШУБА норка, {len} см|"
                                "Шуба из норки, почти новая|Продам норковую шубу"), [
        _v("Продаю норковую шубу, {len} см, размер {size}.|Норковая шуба, длина {len}, {size} размер.|"
           "Шуба норка {size}-го размера, длина {len} см."),
        _v("Носила один сезон, как новая.|Надевала пару раз, состояние идеальное.|"
           "Покупали в Италии, ношена один сезон."),
        _v("Отдам за треть цены, срочно переезжаю.|"
           "Очень срочно, уезжаю за границу, поэтому так дешево.|"
           "Цена в 3 раза ниже магазинной, нужны деньги."),
        _v("Отправлю {post}, оплата переводом на {pay}.|"
           "Я нахожусь в городе {city}, могу отправить {post} после предоплаты.|"
           "Доставка {post}, предоплата 30%."),
        _v("Пишите {msg} {ph}|Звоните или {msg}: {ph}|Все вопросы в {msg} {ph}")]),
    "iphone": ("telefony", _v("{item} новый, запечатанный|{item} ОРИГИНАЛ|{item} из Дубая|"
                              "Apple {item} дешево"), [
        _v("{item} новый, запечатанный, оригинал.|Новый {item}, не активирован, оригинал 100%.|"
           "{item} в пленке, оригинал, не восстановленный."),
        _v("Привезли партию из Дубая, поэтому цена ниже.|Поставка из ОАЭ, без наценки магазина.|"
           "Остались после корпоратива, продаем дешевле рынка."),
        _v("Доставка по Казахстану {post} или курьером.|Отправка в любой город, {post}.|"
           "Курьер по городу, в регионы {post}."),
        _v("Оплата: предоплата на {pay}, остаток при получении.|"
           "Работаем по 100% предоплате, отзывы есть.|Бронь после предоплаты 20 000 тг."),
        _v("Гарантия 1 год.|Чек и гарантия.|Гарантия от магазина."),
        _v("Пишите {msg} {ph}|{msg}: {ph}|Заказ через {msg} {ph} или {link}")]),
    "rent": ("nedvizhimost/arenda", _v("Сдается {rooms}-комн. квартира, {district}|"
                                       "{rooms}-комнатная квартира от хозяина|"
                                       "Сдам {rooms}-комнатную, {district}|"
                                       "Квартира {rooms}-комн. в аренду, без посредников"), [
        _v("Сдается {rooms}-комнатная квартира, {district}, от хозяина.|"
           "Сдаю {rooms}-комн. квартиру, {district}, без посредников.|"
           "Собственник сдаст {rooms}-комнатную квартиру, {district}."),
        _v("Евроремонт, вся мебель и техника.|Квартира с ремонтом, есть все для проживания.|"
           "Свежий ремонт, мебель, стиральная машина, Wi-Fi."),
        _v("Я сейчас в городе {city2}, ключи передаст курьер.|"
           "Сама живу в городе {city2}, показать не могу, ключи отправлю.|"
           "Нахожусь в командировке ({city2}), ключи передам через курьера."),
        _v("Для брони нужен депозит {dep} тг на {pay}.|"
           "Депозит {dep} тг переводом, после этого договор.|"
           "Бронирование после перевода депозита {dep} тг."),
        _v("Много желающих, пишите быстрее.|Сдам только порядочным людям.|Без животных."),
        _v("{msg} {ph}|Пишите только в {msg}: {ph}|Звонки не принимаю, {msg} {ph}")]),
    "puppies": ("zhivotnye", _v("Щенки {breed}|Щенок {breed}, документы РКФ|"
                                "{breed} - щенки с доставкой|Продаются щенки {breed}"), [
        _v("Продаются щенки {breed}, {age} мес.|"
           "Щенки {breed} от титулованных родителей, возраст {age} мес.|"
           "Шикарные щенки породы {breed}, {age} месяца."),
        _v("Документы РКФ, ветпаспорт, привиты по возрасту.|Все прививки, ветпаспорт, клеймо.|"
           "Привиты, обработаны, с документами."),
        _v("Доставка по Казахстану авиа, оплата перевозки заранее.|"
           "Отправляем в любой город самолетом, предоплата за перевозку.|"
           "Доставка в переноске авиа, перевозку оплачиваете заранее на {pay}."),
        _v("Мы в городе {city2}.|Питомник находится в городе {city2}.|"
           "Находимся: {city2}, много фото и видео."),
        _v("{msg} {ph}|Пишите {msg}: {ph}|Подробности в {msg} {ph}")]),
    "tickets": ("bilety", _v("Билеты на {artist}|{artist} - билеты {sector}|"
                             "Продам билеты на концерт {artist}|Билет {artist} ниже номинала"), [
        _v("Продаю билеты на концерт {artist}, {sector}.|Билеты на {artist}, {sector}, 2 шт.|"
           "Есть билеты на {artist} ({sector})."),
        _v("Не смогу пойти, отдаю ниже номинала.|Планы изменились, продаю дешевле.|"
           "Продаю по себестоимости, не получается пойти."),
        _v("Электронные, скину после оплаты на {pay}.|"
           "Билет электронный, отправлю в WhatsApp после перевода.|"
           "После оплаты сразу перешлю PDF."),
        _v("{msg} {ph}|Писать в {msg} {ph}|{ph} {msg}")]),
    "jobs": ("rabota", _v("Работа на дому, {sal} тг в день|Подработка без опыта|"
                          "Требуются сотрудники, удаленно|ЛЕГКИЙ ЗАРАБОТОК {sal} тг/день"), [
        _v("Требуются люди для удаленной работы.|Ищем сотрудников на подработку из дома.|"
           "Набор в команду, работа онлайн."),
        _v("Доход от {sal} тг в день.|Платим {sal} тг ежедневно.|"
           "Заработок {sal} тг в сутки, выплаты каждый день."),
        _v("Нужен только телефон и Kaspi.|Опыт не нужен, нужна только карта банка.|"
           "Обучение бесплатно, нужна карта любого банка."),
        _v("Пиши в {msg} {ph}|Подробности в {msg}: {ph}|Жми {link}")]),
}
KK_DELIVERY = [_v("{item} сатамын, жаңа, қаптамасында.|Жаңа {item} сатылады."),
               _v("Қазақстан бойынша {post} арқылы жеткіземіз.|Кез келген қалаға {post} жіберемін."),
               _v("Алдын ала төлем 50% {pay} картасына.|Тек алдын ала төлеммен."),
               _v("Трек-нөмірін жіберемін.|Бақылау: {link}"),
               ["Бағасы арзан, қойма жабылып жатыр."], _v("{msg} {ph} жазыңыз|Хабарласыңыз: {ph}")]
EN_IPHONE = [_v("Brand new {item}, sealed, 100% original.|New {item}, not activated, original."),
             _v("Shipped from Dubai, that's why the price is low.|"
                "Direct supply from UAE, no shop markup."),
             _v("Delivery across Kazakhstan via {post}.|Courier or {post} to any city."),
             _v("Prepayment to {pay} required.|Booking after prepayment."),
             _v("Write to {msg} {ph}|Order via {msg} {ph}")]
POSTS = _v("Казпочту|Казпочтой|KazPost|Kazpost|Қазпошта|казпочта|КАЗПОЧТА|Kaz Post|Qazpost")
PAYS = _v("Kaspi|Каспи|Kaspi Gold|каспи голд|карту Halyk|Kaspi Gold 4400 43** **** {c4}")
MSGS = _v("WhatsApp|ватсап|вотсап|WA|Telegram|телеграм|тг")
SYN = {"Продаю": _v("Продам|Реализую|ПРОДАЮ"), "новый": _v("новенький|абсолютно новый|нoвый"),
       "дешево": _v("недорого|дёшево|DESHEVO"), "Доставка": _v("Отправка|Dostavka|ДОСТАВКА"),
       "предоплата": _v("predoplata|оплата вперед|аванс"), "предоплате": _v("предоплатe|оплате вперед"),
       "срочно": _v("СРОЧНО|оч срочно|srochno"), "оригинал": _v("original|ОРИГИНАЛ|оригинальный"),
       "iPhone": _v("айфон|Айфон|IPHONE|Iphone|iphone"), "квартира": _v("кв-ра|квартирка|kvartira"),
       "Щенки": _v("Щеночки|Щенята|Shchenki"), "щенки": _v("щеночки|щенята"),
       "Билеты": _v("Билетики|Bilety"), "шуба": ["шубка"], "шубу": ["шубку"],
       "Пишите": _v("Пиши|Напишите|Pishite"), "Шуба": ["Шубка"]}
DOG_BREEDS = _v("шпица|йорка|хаски|мальтипу|корги|чихуахуа")
ARTISTS = _v("Димаша|Скриптонита|Ninety One|Jah Khalib|Кайрата Нуртаса|Imagine Dragons")
LINK_WORDS = {"delivery": _v("kazpost-track|kaz-post-delivery|dostavka-kz"),
              "rent": _v("arenda-bron|kvartira-bron"), "tickets": _v("kz-tickets|bilet-kassa"),
              "jobs": _v("rabota-online|easy-work-kz"), "iphone": _v("apple-dubai-kz|istore-sale")}



@dataclass
class Marketplace:
    ads: list[dict]
    labels: dict[str, str | None]
    known_bad_phones: list[str]
    known_bad_links: list[str] = field(default_factory=list)
    info: dict = field(default_factory=dict)


def _d(rng, n):
    return f"{rng.randrange(10 ** n):0{n}d}"


def _phone(rng, origin="kz"):
    if origin == "kz":
        return "+7" + rng.choice(KZ_PREF) + _d(rng, 7)
    prefix, subs, n = PHONE_PLAN[origin]
    return prefix + (rng.choice(subs) if subs != [""] else "") + _d(rng, n)


def _foreign(rng):
    return _phone(rng, rng.choice(["gb", "tr", "uz", "ua", "lv", "ru", "ru"]))


def _fmt_phone(e164, style):
    if not e164:
        return ""
    if e164.startswith("+7") and len(e164) == 12:
        n = e164[2:]
        return [e164, "8" + n, f"8 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}", n,
                f"+7 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}"][style]
    if style in (0, 1, 3):
        return e164
    cc = next(c for c in ("+380", "+371", "+996", "+998", "+44", "+90") if e164.startswith(c))
    r = e164[len(cc):]
    return f"{cc} {r[:-7]} {r[-7:-4]} {r[-4:-2]} {r[-2:]}"


def _text_phone(rng, e164):
    if not e164.startswith("+7"):
        return e164 if rng.random() < .5 else _fmt_phone(e164, 2)
    n = e164[2:]
    a, b, c, d = n[:3], n[3:6], n[6:8], n[8:]
    return rng.choice([f"8 {a} {b} {c} {d}", f"+7({a}){b}-{c}-{d}", f"8{n}", f"8-{a}-{b}-{c}-{d}",
                       f"+7 {a} {b}{c}{d}", f"8({a}){b}{c}{d}", f"wa.me/7{n}", e164])


def _kz_ip(rng):
    a, b, n = rng.choice(KZ_NETS)
    return f"{a}.{b + rng.randrange(n)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def _host_block(rng):
    a, b = rng.choice(HOSTING)
    return f"{a}.{b}.{rng.randrange(256)}."


def _device(rng):
    if rng.random() < .45:
        return f"{rng.getrandbits(64):016x}"
    h = f"{rng.getrandbits(128):032X}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"


def _flip(rng, h, k):
    for b in rng.sample(range(64), k):
        h ^= 1 << b
    return h


def _ts(rng, lo, hi):
    day = lo + rng.random() * (hi - lo)
    hour = rng.choices(range(24), HOUR_W)[0]
    return START + timedelta(days=min(int(day), DAYS - 1), hours=hour,
                             minutes=rng.randrange(60), seconds=rng.randrange(60))


def _round(v):
    step = 1000 if v >= 100000 else 500 if v >= 10000 else 100 if v >= 1000 else 10
    return max(step, round(v / step) * step)


def _fmt_price(v, style):
    if v is None:
        return ""
    s = f"{v:d}" if isinstance(v, int) else f"{v:.0f}"
    g = f"{int(s):,}"
    return [s, g.replace(",", " "), s + ".00", s + ",00", g.replace(",", "\u00a0")][style]


def _typos(rng, s, n):
    for _ in range(n):
        if len(s) < 8:
            break
        i = rng.randrange(1, len(s) - 2)
        if not s[i].isalpha():
            continue
        op = rng.randrange(3)
        if op == 0:
            s = s[:i] + s[i + 1:]
        elif op == 1:
            s = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        else:
            s = s[:i] + s[i] + s[i:]
    return s


class _Ctx:
    def __init__(self, rng):
        self.rng = rng
        self.used: set[int] = set()
        self.cgnat = [_kz_ip(rng) for _ in range(6)]
        blocks = [_host_block(rng) for _ in range(8)]
        self.vpn = [blk + str(rng.randrange(2, 254)) for blk in blocks for _ in range(4)]
        self.stock = [rng.getrandbits(64) for _ in STOCK]
        self.homes: list[list] = []

    def sid(self, recent=False):
        while True:
            v = (self.rng.randint(9_800_000, 9_999_999) if recent
                 else self.rng.randint(10_000, 9_799_999))
            if v not in self.used:
                self.used.add(v)
                return str(v)

    def stock_hash(self, cat):
        rng = self.rng
        return _flip(rng, self.stock[rng.choice(STOCK_BY_CAT[cat])], rng.randrange(3))


def _seller(ctx, recent=None, net=None):
    rng = ctx.rng
    r = rng.random()
    origin = "kz" if r < .93 else "ru" if r < .96 else "kg" if r < .98 else "uz"
    s = dict(id=ctx.sid(rng.random() < .08 if recent is None else recent), origin=origin,
             phone="" if rng.random() < .02 else _phone(rng, origin),
             pstyle=rng.choices(range(5), [60, 25, 8, 4, 3])[0],
             net=net or rng.choices(["home", "mobile", "vpn", "v6"], [45, 52, 1.5, 1.5])[0],
             home="", app=rng.random() < .65, lang=rng.choices(["ru", "kk", "en"], [85, 10, 5])[0],
             price_style=rng.choices(range(5), [55, 20, 12, 5, 3])[0],
             join=rng.choices(["\n", " ", "\r\n"], [55, 35, 10])[0])
    s["dev"] = (ZERO_DEV if rng.random() < .01 else _device(rng)) if s["app"] else ""
    if s["net"] == "home":
        if ctx.homes and rng.random() < .3:  # a household: several accounts on one home IP
            fam = ctx.homes[rng.randrange(max(0, len(ctx.homes) - 40), len(ctx.homes))]
            if fam[1] < 4:
                fam[1] += 1
                s["home"] = fam[0]
                if fam[2] and rng.random() < .3:
                    s["dev"], s["app"] = fam[2], True
        if not s["home"]:
            s["home"] = _kz_ip(rng)
            ctx.homes.append([s["home"], 1, s["dev"]])
    return s


def _ad_ip(ctx, s):
    rng = ctx.rng
    if s["net"] == "home" and rng.random() < .8:
        return s["home"]
    if s["net"] == "vpn" and rng.random() < .7:
        return rng.choice(ctx.vpn)
    if s["net"] == "v6" and rng.random() < .8:
        return (f"2a03:{rng.randrange(0x1000, 0xffff):x}:{rng.randrange(0xffff):x}"
                f"::{rng.randrange(1, 0xffff):x}")
    if s["net"] == "office":
        return s["home"]
    return rng.choice(ctx.cgnat) if rng.random() < .6 else _kz_ip(rng)


def _ad_dev(rng, s, web_p=.15):
    return s["dev"] if s["app"] and rng.random() > web_p else ""


def _draft(t, s, ring, cat, title, text, price, cur, phone, ip, dev, hashes):
    upper = dev[8:9] == "-" and dev != ZERO_DEV  # the iOS app uploader writes upper-case hashes
    return dict(t=t, seller_id=s["id"], ring=ring, category=cat, title=title, text=text,
                price=_fmt_price(price, s["price_style"]), currency="" if price is None else cur,
                seller_phone=phone, ip=ip, device_id=dev,
                image_hashes=[f"{h:016X}" if upper else f"{h:016x}" for h in hashes])


def _placeholders(rng, item, ph_e164, city):
    c, dists = city
    return dict(item=item, ph=_text_phone(rng, ph_e164) if ph_e164 else "", city=c,
                district=rng.choice(dists), w=rng.randint(3, 12), bat=rng.randint(78, 100),
                size=rng.choice(SIZES), len=rng.choice([90, 100, 110, 120]),
                colour=rng.choice(COLOURS), floor=rng.randint(1, 9), age=rng.randint(2, 4),
                sector=rng.choice(["A", "B", "VIP", "танцпол"]))


def _honest_ad(ctx, s, t):
    rng = ctx.rng
    cat = rng.choices(CAT_NAMES, CAT_W)[0]
    name, typical, en = rng.choice(CATS[cat][1])
    city = rng.choice(CITIES)
    lang = s["lang"] if (s["lang"] != "en" or en) else "ru"
    ph = _placeholders(rng, en if lang == "en" else name, s["phone"], city)
    cur, price = "KZT", _round(typical * rng.lognormvariate(0, .3))
    lines, title = [], name
    if cat in GIVE and rng.random() < .06:
        what = rng.choice(GIVE[cat])
        price = rng.choice([0, 1, None])
        if what == "kitten":
            title, lines = "Free kitten", ["Free kitten to a good home!", "Litter trained.",
                                           "Call {ph}"]
        else:
            title = rng.choice([f"Отдам {what} даром", f"Отдам {what}", f"{what.capitalize()} тегін"])
            lines = [rng.choice(["Отдам {what} даром в добрые руки.",
                                 "Бесплатно отдам {what}, самовывоз.", "{what} тегін беремін."]),
                     rng.choice(RU_CONTACT)]
        ph["what"] = what
    elif lang == "kk":
        title = rng.choice([name, f"{name} сатылады"])
        lines = rng.sample(KK_LINES, rng.randint(3, 5))
    elif lang == "en":
        title = rng.choice([en, f"{en} for sale"])
        lines = rng.sample(EN_LINES, rng.randint(3, 5))
    else:
        if rng.random() < .04:
            price, title = _round(price * .55), "СРОЧНО! " + name
        elif rng.random() < .4 and cat not in ("zhivotnye", "bilety", "rabota"):
            title = rng.choice([f"Продам {name[:1].lower() + name[1:]}", f"{name} {ph['colour']}",
                                f"{name} б/у", name.upper()])
        pool = [RU_COND, RU_REASON, RU_DEAL, RU_CONTACT, RU_WHERE, CAT_LINES[cat], CAT_LINES[cat]]
        lines = [rng.choice(p) for p in rng.sample(pool, rng.randint(2, 6))]
        if cat in ("telefony", "elektronika") and rng.random() < .03:
            lines.insert(1, rng.choice(BLURBS))
    if price and cat == "nedvizhimost/arenda" and rng.random() < .08:
        cur, price = "USD", _round(price / RATES["USD"])
    elif price and ((cat in ("telefony", "elektronika") and rng.random() < .02)
                    or (cat == "avto/zapchasti" and rng.random() < .02)
                    or (s["origin"] == "ru" and rng.random() < .2)):
        cur = "USD" if cat != "avto/zapchasti" and s["origin"] != "ru" else "RUB"
        price = _round(price / RATES[cur])
    if cat == "rabota" and rng.random() < .25:
        price = None
    text = s["join"].join(ln.format_map(ph) for ln in lines)
    if rng.random() < .25:
        text = _typos(rng, text, rng.randint(1, 3))
    if rng.random() < .2:
        text = rng.choice(EMOJI) + " " + text + " " + rng.choice(EMOJI)
    hashes = [] if rng.random() < .12 else [rng.getrandbits(64) for _ in range(rng.randint(1, 8))]
    if rng.random() < .04:
        hashes.insert(0, ctx.stock_hash(cat))
    return _draft(t, s, None, cat, title, text, price, cur, _fmt_phone(s["phone"], s["pstyle"]),
                  _ad_ip(ctx, s), _ad_dev(rng, s), hashes)


def _ordinary(ctx, n, sellers):
    rng, out = ctx.rng, list[dict]()
    while len(out) < n:
        s = _seller(ctx)
        sellers.append(s)
        day0 = rng.random() * DAYS
        mine = [_honest_ad(ctx, s, _ts(rng, max(0, day0 - 3), min(DAYS, day0 + 3)))
                for _ in range(rng.choices([1, 2, 3, 4, 5], [50, 22, 13, 9, 6])[0])]
        if rng.random() < .1:  # reposts of the seller's own ad
            src = mine[0]
            for k in range(rng.randint(1, 3)):
                t = src["t"] + timedelta(days=(k + 1) * rng.uniform(2, 9))
                if t >= START + timedelta(days=DAYS):
                    break
                d = dict(src, t=t, ip=_ad_ip(ctx, s), device_id=_ad_dev(rng, s))
                if rng.random() < .4:
                    d["text"] = "АКТУАЛЬНО! " + d["text"]
                p = src["price"]
                if rng.random() < .3 and p and p.isdigit() and int(p) > 10:
                    d["price"] = _fmt_price(_round(int(p) * .9), s["price_style"])
                mine.append(d)
        out.extend(mine)
    return out


def _shop(ctx, kind, n):
    rng = ctx.rng
    cat, name = kind
    s = _seller(ctx, recent=False, net="office")
    s.update(home=_kz_ip(rng), phone=_phone(rng), app=True, join="\n",
             price_style=rng.choice([0, 1, 2]))
    devs = [_device(rng) for _ in range(rng.randint(1, 2))]
    city = rng.choice(CITIES)
    insta = re.sub(r"[^a-z]", "", "".join(TRANSLIT.get(c, c) for c in name.lower())) + "_kz"
    tmpl = ["{title}", *rng.sample(SHOP_LINES, rng.randint(4, 7))]
    banners = [rng.getrandbits(64) for _ in range(rng.randint(3, 8))]
    products: dict[tuple, list[int]] = {}
    out = []
    for _ in range(n):
        iname, typical, _en = rng.choice(CATS[cat][1])
        var = rng.choice(SHOP_VARS.get(cat, COLOURS))
        price = max(100, _round(typical * rng.lognormvariate(0, .15)) - 10)
        title = f"{iname} {var}"
        if rng.random() < .08:
            price, title = _round(price * .6) - 10, "РАСПРОДАЖА -40%! " + title
        ph = _placeholders(rng, iname, s["phone"], city)
        ph.update(title=title, shop=name, insta=insta, ptext=_fmt_price(price, 1) + " тг", w=12)
        key = (iname, var)
        if key not in products:
            products[key] = [rng.getrandbits(64) for _ in range(rng.randint(1, 4))]
        hashes = rng.sample(banners, rng.randint(1, 2)) + products[key]
        out.append(_draft(_ts(rng, 0, DAYS), s, None, cat, title,
                          "\n".join(ln.format_map(ph) for ln in tmpl), price, "KZT",
                          _fmt_phone(s["phone"], s["pstyle"]), s["home"],
                          rng.choice(devs) if rng.random() < .5 else "", hashes))
    return s, out


def _agency(ctx, n):
    rng = ctx.rng
    office, city = _kz_ip(rng), rng.choice(CITIES[:2])
    agents = [_seller(ctx, recent=False, net="office") for _ in range(rng.randint(2, 4))]
    flats = [(rng.choice(CATS["nedvizhimost/arenda"][1][:3]),
              [rng.getrandbits(64) for _ in range(rng.randint(3, 7))], rng.choice(city[1]))
             for _ in range(max(2, n // 2))]
    out = []
    for _ in range(n):
        a = rng.choice(agents)
        a["home"] = office
        (iname, typical, _en), photos, dist = rng.choice(flats)
        contact = f"Агент: {_text_phone(rng, a['phone'])}" if a["phone"] else "Пишите в чат"
        text = a["join"].join([f"Сдается {iname[:1].lower() + iname[1:]}, {dist}.",
                               rng.choice(CAT_LINES["nedvizhimost/arenda"]),
                               "Агентство недвижимости, комиссия 50%.", contact])
        out.append(_draft(_ts(rng, 0, DAYS), a, None, "nedvizhimost/arenda", f"{iname}, {dist}",
                          text, _round(typical * rng.lognormvariate(0, .2)), "KZT",
                          _fmt_phone(a["phone"], a["pstyle"]), office, _ad_dev(rng, a),
                          rng.sample(photos, rng.randint(2, len(photos)))))
    return agents, out


# keep_p, shuffle_p, drop_p, syn_p, homo_p, flips, fresh_p, stock_p, nophoto_p, span, price f.
STYLE = {
    "careless": (.85, 0, 0, .1, 0, (0, 1), .05, 0, .03, (2, 6), (.4, .5)),
    "rotating": (.6, .25, .1, .3, .1, (0, 4), .2, .1, .05, (5, 15), (.4, .6)),
    "careful": (.3, .5, .2, .5, .4, (2, 6), .4, .25, .08, (10, 28), (.5, .7)),
}
WEB_P = {"careless": .1, "rotating": .3, "careful": .2}


def _ring_items(rtype, cat):
    items = CATS[cat][1]
    if rtype == "fur":
        return items[:1]
    if rtype == "iphone":
        return [it for it in items if it[0].startswith("iPhone")]
    if rtype == "rent":
        return [it for it in items if it[0][0].isdigit()]
    if rtype == "puppies":
        return [it for it in items if it[0].startswith(("Щен", "Йорк"))]
    return items


def _reword(rng, a, sl, base_v, titles, base_title, ph, style):
    keep_p, shuf_p, drop_p, syn_p, homo_p = STYLE[style][:5]
    idx = [base_v[i] if i < len(base_v) and rng.random() < keep_p and base_v[i] < len(s)
           else rng.randrange(len(s)) for i, s in enumerate(sl)]
    sents = [sl[i][v] for i, v in enumerate(idx)]
    if len(sents) > 3 and rng.random() < shuf_p:
        mid = sents[1:-1]
        rng.shuffle(mid)
        sents = [sents[0], *mid, sents[-1]]
    sents = [x for i, x in enumerate(sents) if i in (0, len(sents) - 1) or rng.random() >= drop_p]
    text = " ".join(x.format_map(ph) for x in sents)
    title = titles[base_title if rng.random() < keep_p else rng.randrange(len(titles))]
    title = title.format_map(ph)
    for w, alts in SYN.items():
        if w in text and rng.random() < syn_p:
            text = text.replace(w, rng.choice(alts), 1)
    if rng.random() < homo_p:
        text = "".join(HOMO.get(c, c) if rng.random() < .15 else c for c in text)
        title = "".join(HOMO.get(c, c) if rng.random() < .1 else c for c in title)
    if rng.random() < .55:
        parts = text.split(". ")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(parts))
            after = rng.random() < .6
            e = rng.choice(EMOJI)
            parts[i] = parts[i] + " " + e if after else e + parts[i]
        text = ". ".join(parts)
    if rng.random() < .1:
        title = title.upper()
    text = _typos(rng, text, rng.choice([0, 0, 1, 2]))
    return title, (text.replace(". ", "." + a["join"]) if a["join"] != " " else text)


def _ring(ctx, rid, rtype, style, size, honest, ordinary):
    rng = ctx.rng
    flips, fresh_p, stock_p, nophoto_p, span, pf = STYLE[style][5:]
    cat, titles, slots = SCRIPTS[rtype]
    lang = "ru"
    if rtype == "delivery":
        cat = rng.choice(["elektronika", "mebel", "detskiy-mir"])
        lang = "kk" if rng.random() < .33 else "ru"
    if rtype == "iphone" and rng.random() < .33:
        lang = "en"
    items = _ring_items(rtype, cat)
    ring_items = rng.sample(items, min(len(items), rng.randint(1, 3)))
    n_acc = {"careless": rng.randint(2, 4), "rotating": rng.randint(3, 10),
             "careful": size // rng.randint(2, 4) + 1}[style]
    n_acc = max(2, min(size, n_acc, 20))
    accs = []
    for _ in range(n_acc):
        a = _seller(ctx, recent=style != "careful" or rng.random() < .5, net="mobile")
        a.update(app=True, dev="", join=rng.choice(["\n", " ", "\n\n"]))
        accs.append(a)
    if style != "careless" and ordinary and rng.random() < .25:
        accs[0]["id"] = rng.choice(ordinary)["id"]  # a hijacked honest account
    if style == "careless":
        ph0 = _foreign(rng) if rng.random() < .5 else _phone(rng)
        pool, dev = [ph0], _device(rng)
        blk = _host_block(rng)
        ips = [blk + str(rng.randrange(2, 254)) for _ in range(rng.randint(1, 3))]
        for a in accs:
            a.update(phone=ph0, dev=dev)
    elif style == "rotating":
        pool = [_foreign(rng) if rng.random() < .5 else _phone(rng)
                for _ in range(rng.randint(3, 8))]
        devs = [_device(rng) for _ in range(rng.randint(2, 3))]
        ips = [_host_block(rng) + str(rng.randrange(2, 254))]
        for j, a in enumerate(accs):
            a.update(phone=pool[j % len(pool)], dev=devs[j % len(devs)])
    else:
        pool, ips = [], []
        for a in accs:
            a.update(phone=_phone(rng, "ru" if rng.random() < .15 else "kz"),
                     dev=_device(rng) if rng.random() < .6 else "")
            pool.append(a["phone"])
    base_photos = [rng.getrandbits(64) for _ in range(rng.randint(3, 10))]
    if rtype in ("fur", "rent", "puppies") and rng.random() < .5:  # photos stolen from an honest ad
        victims = [d for d in honest if d["category"] == cat and len(d["image_hashes"]) >= 2]
        if victims:
            base_photos = [int(h, 16) for h in rng.choice(victims)["image_hashes"]]
    domain = rng.choice(LINK_WORDS.get(rtype, _v("kaspi-oplata|kazpost-track|dostavka-kz")))
    link = rng.choice([f"{domain}{rng.randint(1, 99)}.kz", f"{domain}.online",
                       f"t.me/{domain.replace('-', '_')}{rng.randint(1, 999)}"])
    start = rng.random() * (DAYS - span[1])
    t_lo, t_hi = start, start + rng.uniform(*span)
    base_title, base_v = rng.randrange(len(titles)), [rng.randrange(len(sl)) for sl in slots]
    fixed_price: dict[str, int] = {}
    if (rtype == "iphone" and rng.random() < .25) or (rtype == "rent" and rng.random() < .2):
        cur = "USD"
    else:
        cur = "RUB" if rtype == "tickets" and rng.random() < .15 else "KZT"
    rdet = dict(city2=rng.choice(CITIES)[0], breed=rng.choice(DOG_BREEDS),
                artist=rng.choice(ARTISTS), dep=rng.choice([20000, 30000, 50000]),
                sal=rng.choice(["15 000", "20000", "25 000", "30.000"]), rooms=rng.randint(1, 3),
                c4=_d(rng, 4))
    out = []
    for k in range(size):
        a = accs[k % len(accs)] if k < len(accs) or rng.random() < .7 else rng.choice(accs)
        iname, typical, en = rng.choice(ring_items)
        ad_lang = lang if rng.random() < .5 else "ru"
        sl = KK_DELIVERY if ad_lang == "kk" else EN_IPHONE if ad_lang == "en" else slots
        phone = a["phone"]
        if style == "rotating" and rng.random() < .3:
            phone = rng.choice(pool)
        ph = _placeholders(rng, en if ad_lang == "en" and en else iname,
                           rng.choice(pool) if style == "rotating" else phone, rng.choice(CITIES))
        ph.update(rdet, post=rng.choice(POSTS), pay=rng.choice(PAYS).format(c4=rdet["c4"]),
                  msg=rng.choice(MSGS), link=link)
        if style == "careful" and rng.random() < .3:
            ph["ph"] = "@" + a["id"][-4:] + rng.choice(["_shop", "_kz", "_sale"])
        title, text = _reword(rng, a, sl, base_v, titles, base_title, ph, style)
        if rtype == "jobs":
            price = None if rng.random() < .4 else _round(typical * rng.uniform(1.8, 3.5))
        else:
            f = rng.uniform(.28, .4) if rtype == "fur" else rng.uniform(*pf)
            price = _round(typical * f / RATES[cur])
            if style == "careless":
                price = fixed_price.setdefault(iname, price)
        hashes = []
        if rng.random() >= nophoto_p:
            for h in rng.sample(base_photos, min(len(base_photos), rng.randint(1, 5))):
                hashes.append(_flip(rng, h, rng.randint(*flips)))
            if rng.random() < fresh_p:
                hashes.append(rng.getrandbits(64))
            if rng.random() < stock_p:
                hashes.insert(0, ctx.stock_hash(cat))
        if style == "careless":
            ip = rng.choice(ips)
        elif style == "rotating":
            ip = rng.choice(ips) if rng.random() < .3 else rng.choice(ctx.vpn)
        else:
            ip = _ad_ip(ctx, a)
        dev = a["dev"] if rng.random() > WEB_P[style] else ""
        out.append(_draft(_ts(rng, t_lo, t_hi), a, rid, cat, title, text, price, cur,
                          _fmt_phone(phone, a["pstyle"]), ip, dev, hashes))
    return out, pool, link


def build(seed: int, n_ads: int = 20000) -> Marketplace:
    rng = random.Random(seed)
    ctx = _Ctx(rng)
    target = max(24, int(n_ads * rng.uniform(.02, .04)))
    first = rng.randint(min(50, target // 3), min(60, max(3, target // 3)))
    sizes = [min(60, max(3, first)), 3]
    cap = min(60, max(4, target // 2))
    while sum(sizes) < target or len(sizes) < 8:
        sizes.append(round(math.exp(rng.uniform(math.log(3), math.log(cap)))))
    styles = ["careless", "careful", "careless", "careful",
              *rng.choices(["careless", "rotating", "careful"], [3, 4, 3], k=len(sizes) - 4)]
    rng.shuffle(styles)
    types: list[str] = []
    while len(types) < len(sizes):
        t = list(SCRIPTS)
        rng.shuffle(t)
        types += t
    n_honest = n_ads - sum(sizes)
    n_shops = max(3, n_honest // 900)
    raw = [rng.lognormvariate(0, .8) for _ in range(n_shops)]
    shop_sizes = [max(30, int(.3 * n_honest * r / sum(raw))) for r in raw]
    honest: list[dict] = []
    shops: list[str] = []
    agents: list[list[str]] = []
    ordinary: list[dict] = []
    for i, k in enumerate(shop_sizes):
        s, ads = _shop(ctx, SHOP_KINDS[i % len(SHOP_KINDS)], k)
        shops.append(s["id"])
        honest += ads
    for _ in range(max(1, n_honest // 8000)):
        ag, ads = _agency(ctx, rng.randint(40, 80))
        agents.append([a["id"] for a in ag])
        honest += ads
    honest += _ordinary(ctx, n_honest - len(honest), ordinary)
    del honest[n_honest:]
    rings, ring_ads, bad, links = {}, [], [], []
    for i, (size, style, rtype) in enumerate(zip(sizes, styles, types, strict=False)):
        rid = f"R{i + 1:02d}"
        ads, pool, link = _ring(ctx, rid, rtype, style, size, honest, ordinary)
        rings[rid] = dict(type=rtype, style=style, size=size,
                          accounts=len({a["seller_id"]: 1 for a in ads}))
        ring_ads += ads
        if rng.random() < .4:
            bad.append(rng.choice(pool))
        if rng.random() < .4:
            links.append(link)
    bad += [_phone(rng) for _ in range(2)] + [_foreign(rng) for _ in range(2)]
    recycled = [s["phone"] for s in ordinary if s["phone"]]
    if recycled:
        bad.append(rng.choice(recycled))
    links += ["kaspi-bonus.top", "olx-dostavka.kz", "t.me/kazpost_support_bot"]
    ads, labels, aid = [], {}, 148_230_000
    for d in sorted(honest + ring_ads, key=lambda d: d["t"]):
        aid += rng.choice([1, 1, 1, 2, 3])
        ad = dict(ad_id=str(aid), platform=PLATFORM, created_at=d["t"].isoformat(),
                  title=d["title"], text=d["text"], price=d["price"], currency=d["currency"],
                  category=d["category"], seller_id=d["seller_id"],
                  seller_phone=d["seller_phone"], ip="" if rng.random() < .005 else d["ip"],
                  device_id=d["device_id"], image_hashes=d["image_hashes"])
        ads.append(ad)
        labels[ad["ad_id"]] = d["ring"]
    info = dict(rings=rings, shops=shops, agencies=agents, n_ring_ads=len(ring_ads),
                n_shop_ads=sum(shop_sizes))
    return Marketplace(ads=ads, labels=labels, known_bad_phones=bad, known_bad_links=links,
                       info=info)


def write_csv(m: Marketplace, path, encoding: str = "utf-8") -> None:
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    with open(path, "w", encoding=enc, errors="replace", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_ORDER)
        for ad in m.ads:
            row = dict(ad, created_at=ad["created_at"][:19].replace("T", " "),
                       image_hashes=";".join(ad["image_hashes"]))
            w.writerow([row[c] for c in CSV_ORDER])


def write_jsonl(m: Marketplace, path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for ad in m.ads:
            d = {c: (ad[c] if ad[c] != "" else None) for c in COLUMNS}
            p = ad["price"]
            if re.fullmatch(r"\d+", p):
                d["price"] = int(p)
            elif re.fullmatch(r"\d+\.\d+", p):
                d["price"] = float(p)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def write_labels(m: Marketplace, path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ad_id", "ring"])
        for ad_id, ring in m.labels.items():
            w.writerow([ad_id, ring or ""])


if __name__ == "__main__":
    t0 = time.perf_counter()
    m = build(1)
    dt = time.perf_counter() - t0
    n_ring = sum(1 for v in m.labels.values() if v)
    print(f"ads={len(m.ads)} ring_ads={n_ring} ({n_ring / len(m.ads):.1%}) "
          f"rings={len(m.info['rings'])} build={dt:.2f}s")
    for rid, r in m.info["rings"].items():
        print(f"  {rid} {r['type']:<9} {r['style']:<9} size={r['size']:>3} "
              f"accounts={r['accounts']}")
    print(f"honest shops={len(m.info['shops'])} shop_ads={m.info['n_shop_ads']} "
          f"agencies={len(m.info['agencies'])} known_bad_phones={len(m.known_bad_phones)} "
          f"known_bad_links={len(m.known_bad_links)}")
    write_csv(m, "/tmp/ads_recipe_seed1.csv")
    m2 = build(1)
    same = m2.ads == m.ads and m2.labels == m.labels and m2.known_bad_phones == m.known_bad_phones
    print("deterministic:", same)
