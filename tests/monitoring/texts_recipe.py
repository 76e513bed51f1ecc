"""Independent labelled short texts (kk / ru / en) for measuring a scam-text classifier.

Written by hand, without looking at the project's classifier or its own template
generator, so that it can serve as an outside yardstick.

    build(seed, per_family=30) -> list[LabelledText]   # deterministic per seed
    families() -> list[str]                            # "<lang>/<scheme>/<name>"

Schemes (labels): marketplace_ad, fake_bank_call, fake_police_call, investment_scam,
pyramid, loan_in_victim_name, prize_lottery, phishing_link, romance, ham.

Families. Every family below exists in all three languages (kk, ru, en); its id is
"<lang>/<scheme>/<name>", e.g. "ru/fake_bank_call/safe_account", "kk/ham/bank_notification".
Each family has 2-3 templates with <a|b> alternatives and {slot} values, so a whole
family can be held out.
  marketplace_ad       ad_text, seller_chat, rent_deposit, report
  fake_bank_call       blocked_card, sms_code, safe_account, report
  fake_police_call     accomplice, secret_operation, summons, report
  investment_scam      crypto_income, broker, state_project, report
  pyramid              invite_friends, levels, club, report
  loan_in_victim_name  application, cancel, credit_bureau, report
  prize_lottery        car_win, fee_tax, giveaway, report
  phishing_link        egov_payment, parcel, bank_bonus, sale_payment, report
  romance              ticket, customs, emergency, report
  ham                  bank_notification, otp_code, delivery, egov_sms, family_money,
                       honest_ad, fraud_warning, taxi, shop_promo, other_crime_report

Labelling rules.
  * A text is labelled by the lure it uses (or, for a citizen's report, by the lure it
    describes): "report" families are victims' complaints ("мне позвонили якобы из банка
    и попросили код") and carry the scheme they describe, not ham.
  * fake_bank_call: the speaker poses as the bank / its security service (blocked card,
    suspicious transfer, SMS code, "safe account").
  * fake_police_call: the speaker poses as police / KNB / prosecutor / investigator, even
    when the story includes "a loan is being taken in your name" or a "safe account".
  * loan_in_victim_name: the lure is a loan taken / applied for / pre-approved in the
    victim's name, offered to be cancelled (call, code, counter-loan, paid blocking);
    the sender is a bank, MFO, credit bureau or an unnamed "operator", never law enforcement.
  * phishing_link: a link to *receive* something (payment, compensation, cashback,
    parcel, OLX "buyer's" payment) or to "confirm identity" where card data is entered.
    A "you won a prize" text with a link stays prize_lottery; a seller demanding
    prepayment stays marketplace_ad; an OLX *buyer* sending a "get your money" link is
    phishing_link.
  * romance: an online partner (or a fake customs office on the partner's behalf) asks
    for money.
  * ham is deliberately hard: genuine bank SMS (purchases, incoming transfers, loan
    payment reminders, pre-approved loan offers in the bank app), one-time codes with
    "never share", real delivery / eGov / taxi SMS, relatives asking for small sums in an
    ordinary way, honest ads with prices, fraud *warnings* and news, shop promos, and
    citizens' reports of crimes that are not one of the schemes (theft, road accident).
  * Genuine services use real domains (kaspi.kz, egov.kz, post.kz); scam links use
    look-alikes (kaspi-bonus.top, egov-vyplata.kz-gov.site, ...).

Noise (applied to every label alike): typos, lower/upper case, dropped punctuation,
emoji, chat abbreviations; in Kazakh the letters ә ғ қ ң ө ұ ү һ і are sometimes replaced
by Russian ones (сәлем -> салем) or the text is written in informal Latin; in Russian a
few Cyrillic letters are sometimes swapped for Latin look-alikes.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledText:
    text: str
    lang: str  # 'kk' | 'ru' | 'en'
    scheme: str
    family: str


LANGS = ("kk", "ru", "en")
SCHEMES = (
    "marketplace_ad",
    "fake_bank_call",
    "fake_police_call",
    "investment_scam",
    "pyramid",
    "loan_in_victim_name",
    "prize_lottery",
    "phishing_link",
    "romance",
    "ham",
)

# One template per line: "<lang>/<scheme>/<family> | template".
# <a|b|c> picks one alternative (an empty one makes a part optional); {slot} is a value.
_TEMPLATES = """
kk/marketplace_ad/ad_text | <Шұғыл сатылады!|Сатылады!|> {item} небәрі {amt} теңге, жаңа<, пломбасы ашылмаған|, қорабымен|>. Басқа қаладамын, <Kazpost|InDrive|курьер> арқылы жіберемін, тек 100% алдын ала төлеммен. <Тел|WhatsApp>: {phone}
kk/marketplace_ad/ad_text | {item} сатылады, <жағдайы өте жақсы|мінсіз күйде|жаңа сияқты>. Бағасы {amt} тг. Шетелге көшіп бара жатқандықтан арзан беремін. Алдымен Kaspi-ге аударым жасайсыз, содан кейін жіберемін. WhatsApp: {phone}
kk/marketplace_ad/ad_text | Арзан! {item} — {amt} ₸<, саудаласуға болмайды|>. Көріп алу мүмкін емес, мен {city} қаласындамын. Алдын ала төлем Kaspi Gold-қа, жеткізу тегін. {phone}
kk/marketplace_ad/seller_chat | Сәлеметсіз бе, {item} әлі сатылған жоқ. Брондау үшін {small} теңге алдын ала төлем жіберіңіз, Kaspi нөмірі: {phone} ({name} {initial}.). Төлем түскен соң <бүгін-ақ|ертең таңертең> жіберемін
kk/marketplace_ad/seller_chat | Иә, тауар бар. Бірақ тағы екі адам сұрап жатыр, кім бірінші кепілақы жіберсе, соған беремін. {small} тг аударсаңыз, сізге сақтап қоямын. Kaspi Gold: {phone}
kk/marketplace_ad/seller_chat | Жеткізуді өзім төлеймін, сіз тек тауардың жартысын алдын ала аударыңыз — {small} теңге. Қалғанын алған кезде төлейсіз<, келістік пе?|.>
kk/marketplace_ad/rent_deposit | {city} қаласында пәтер тәулігіне жалға беріледі, {small} теңге. Бронь тек алдын ала төлеммен: екі тәуліктің ақысын Kaspi-ге аударасыз, кілтті келгенде беремін. {phone}
kk/marketplace_ad/rent_deposit | Сәлем! Пәтер бос, бірақ брондау үшін {small} тг кепілақы жіберу керек, әйтпесе басқа адамға беремін. Мекенжайды төлемнен кейін жазамын
kk/marketplace_ad/rent_deposit | Көлік жалға беріледі, {car}, тәулігіне {small} ₸. Құжаттарды рәсімдеу үшін алдымен {small2} ₸ кепілақы аударасыз. {phone}
kk/marketplace_ad/report | <Сәлеметсіз бе. |>{date} күні OLX-тен {item} сатып алмақ болдым. Сатушы алдын ала төлем сұрады, мен {amt} теңге аудардым, содан кейін ол телефонын өшіріп, тауарды жібермеді. <Көмектесіңіздерші.|Арыз беремін.|>
kk/marketplace_ad/report | Instagram-да арзан {item} жарнамасын көрдім, сатушыға {amt} тг аудардым, бірақ ештеңе келмеді, ол мені бұғаттап тастады. Нөмірі: {phone}
kk/marketplace_ad/report | Пәтерді тәулікке жалға алмақ болып, {small} теңге кепілақы аудардым, содан кейін «иесі» жоғалып кетті<, нөмірі {phone}|>
kk/fake_bank_call/blocked_card | {bank}: Сіздің *{card4} картаңыз күдікті операцияға байланысты уақытша бұғатталды. Бұғаттан шығару үшін қауіпсіздік қызметіне хабарласыңыз: {phone}
kk/fake_bank_call/blocked_card | Құрметті клиент! Сіздің шотыңыздан {city} қаласына {amt} теңге аудару әрекеті тіркелді. Егер бұл сіз болмасаңыз, банктің қауіпсіздік қызметіне дереу хабарласыңыз: {phone}
kk/fake_bank_call/sms_code | Сәлеметсіз бе, {bank} қауіпсіздік қызметінен хабарласып тұрмын, атым — {name}. Сіздің картаңыз бойынша күдікті операция тіркелді. Оны тоқтату үшін қазір келетін SMS-кодты айтыңыз
kk/fake_bank_call/sms_code | Қазір сізге банктен растау коды келеді. Аударымды болдырмау үшін сол кодты маған айтыңыз, әйтпесе ақшаңыз шоттан шешіліп кетеді
kk/fake_bank_call/sms_code | Банк маманы ретінде айтамын: жеке басыңызды растау үшін картаның артқы жағындағы үш санды және SMS-кодты айтуыңыз керек<, бұл қауіпсіз|>
kk/fake_bank_call/safe_account | Сіздің шотыңызға алаяқтар қол жеткізді. Ақшаңызды сақтап қалу үшін барлық қаражатты уақытша қауіпсіз шотқа аударыңыз, шот нөмірін маман айтады. Бұл туралы ешкімге, тіпті бөлімше қызметкерлеріне де айтпаңыз
kk/fake_bank_call/safe_account | {bank}: Қаражатыңызды қорғау үшін сізге резервтік шот ашылды. {amt} теңгені {phone} нөміріне аударыңыз, тексеруден кейін ақша картаңызға қайтарылады
kk/fake_bank_call/report | {date} күні маған {bank} қауіпсіздік қызметі атынан біреу қоңырау шалды. Картаңыз бұғатталды деп, SMS-кодты сұрады, мен айтып қойдым. Содан кейін шотымнан {amt} теңге шешіліп кетті
kk/fake_bank_call/report | Банк қызметкеріміз деп таныстырған адам ақшамды «қауіпсіз шотқа» аударуды талап етті. Мен {amt} тг аудардым, кейін алаяқтар екенін түсіндім. Қоңырау шалған нөмір: {phone}
kk/fake_police_call/accomplice | Сәлеметсіз бе, {city} қаласы полиция департаментінің тергеушісі {officer} хабарласып тұр. Сіздің банк шотыңыз арқылы қылмыстық топқа ақша аударылған. Тергеуге көмектеспесеңіз, сізге қатысты қылмыстық іс қозғалады
kk/fake_police_call/accomplice | Мен ҰҚК қызметкерімін<, атым {officer}|>. Сіздің атыңызға ашылған шот терроризмді қаржыландыруға пайдаланылған. Бізбен ынтымақтасуыңыз қажет, әйтпесе сізді сыбайлас ретінде жауапқа тартамыз
kk/fake_police_call/secret_operation | Дәл қазір сіздің атыңызға {bank} банкінде несие рәсімделіп жатыр. Алаяқтарды ұстау үшін арнайы операцияға қатысуыңыз керек: өзіңіз несие алып, ақшаны біз көрсеткен шотқа аударасыз. Бұл тергеу құпиясы, туыстарыңызға айтпаңыз
kk/fake_police_call/secret_operation | Прокуратурадан хабарласып тұрмыз. Жинағыңызды сақтау үшін оны уақытша мемлекеттік қорғалған шотқа аудару керек. Тексеру аяқталған соң ақшаңыз толық қайтарылады
kk/fake_police_call/summons | Сізге №{order} қылмыстық іс бойынша шақыру қағазы жіберілді. Түсініктеме беру үшін 24 сағат ішінде {phone} нөміріне хабарласыңыз. Хабарласпаған жағдайда күштеп әкелу шарасы қолданылады
kk/fake_police_call/summons | ҚР Бас прокуратурасы: сіздің шоттарыңыз бойынша күдікті қаржылық операциялар анықталды. Жауапкершілікке тартылмау үшін тергеушіге хабарласыңыз: {phone}
kk/fake_police_call/report | Маған WhatsApp арқылы формадағы бір адам бейнеқоңырау шалып, өзін ҰҚК қызметкері деп таныстырды. Шотыңызды қылмыскерлер пайдаланып жатыр деп қорқытып, {amt} теңгені «қауіпсіз шотқа» аударуға мәжбүрледі
kk/fake_police_call/report | {date} күні полициядан деп хабарласып, атыңызға несие рәсімделіп жатыр, тергеуге көмектесу керек деді. Олардың айтуымен {bank} банкінен несие алып, {amt} тг аударып жібердім
kk/investment_scam/crypto_income | Криптовалютадан аптасына {amt} теңгеден бастап табыс! Тәжірибе қажет емес, сарапшыларымыз бәрін өздері жасайды. Тіркелу: {tglink}
kk/investment_scam/crypto_income | Небәрі {small} теңге салып, бір айда {roi}% табыс алыңыз<, табысқа кепілдік береміз|>. Орын саны шектеулі, жазыңыз: {phone}
kk/investment_scam/broker | Қайырлы күн, менің атым {name}, халықаралық брокерлік компанияның қаржы сарапшысымын. Сізге акциялар саудасы бойынша жеке бағдарлама ұсынамын, айына {roi}% табыс. Шот ашу үшін {small} теңге жеткілікті
kk/investment_scam/broker | Сіздің брокерлік шотыңызда {amt} теңге пайда бар, бірақ оны шығару үшін алдымен {pct}% салық төлеу керек. Жеке менеджеріңізге хабарласыңыз
kk/investment_scam/state_project | ҚазМұнайГаз акцияларына инвестиция салыңыз! {small} теңге салып, айына {amt} теңгеден бастап пассивті табыс алыңыз. Мемлекет қолдайтын жоба. Өтінім қалдыру: {slink}
kk/investment_scam/state_project | Ұлттық қордың жаңа бағдарламасы: әр қазақстандық {small} тг салып, ай сайын тұрақты табыс ала алады. Тіркелу тек бүгін: {slink}
kk/investment_scam/report | Telegram-да бір «брокер» криптовалютаға ақша салуды ұсынды. Алдымен {small} теңге салдым, пайда көрсетті, кейін тағы {amt} тг салдым. Ақшаны шығарайын десем, салық төле деді де, жоғалып кетті
kk/investment_scam/report | Интернетте ҚазМұнайГазға инвестиция жарнамасын көріп, өтінім қалдырдым. «Менеджер» хабарласып, {amt} теңге аударуға көндірді. Ақшамды әлі қайтара алмай жүрмін
kk/pyramid/invite_friends | Досыңды шақыр да, табыс тап! Әр шақырылған адам үшін {small} теңге бонус. Кіру жарнасы небәрі {small2} тг. Толығырақ: {tglink}
kk/pyramid/invite_friends | Үйден шықпай-ақ табыс табыңыз! {n5} дос шақырсаңыз болды, олардың салымынан пайыз аласыз
kk/pyramid/levels | Жүйе өте қарапайым: {small} теңге салып, 1-деңгейге өтесің, {n5} адам шақырсаң, 2-деңгейге көтеріліп, {amt} теңге аласың. Әр жабылған үстел табысыңды еселейді!
kk/pyramid/levels | Бізде {n5} деңгей бар, әр деңгейде серіктестеріңнен пайыз аласың. Бүгін қосылсаң, ертең өз командаң болады
kk/pyramid/club | Өзара көмек клубына қосылыңыз! {small} теңге салсаңыз, {n5} аптадан кейін {amt} теңге аласыз. Жалғыз шарт — жаңа қатысушылар әкелу
kk/pyramid/club | Біздің бизнес-клубта пассивті табыс кепілдендірілген: командаң неғұрлым өссе, соғұрлым көп табасың. Бізбен бірге {n5} мыңнан астам адам табыс тауып жүр!
kk/pyramid/report | Танысым мені бір «клубқа» шақырды, {small} теңге салып, адам әкелсең, табыс болады деді. Мен {amt} тг салдым, туыстарымды да қостым. Енді ұйымдастырушылар жоқ, ақша қайтарылмады
kk/pyramid/report | Жұмыстағы әріптесім «қаржылық қауымдастыққа» тартты: әр жаңа адам үшін бонус, деңгей көтерілсе, табыс көбейеді деді. {amt} теңге салып едім, төлемдер тоқтап қалды
kk/loan_in_victim_name/application | {bank}: Сіздің атыңызға {amt} теңгеге несие өтінімі түсті. Егер өтінімді сіз бермесеңіз, оны тоқтату үшін {phone} нөміріне дереу хабарласыңыз
kk/loan_in_victim_name/application | Назар аударыңыз! Сіздің ЖСН-іңізге {city} қаласындағы микроқаржы ұйымында {amt} тг несие рәсімделді. Несиені жою үшін операторға хабарласыңыз: {phone}
kk/loan_in_victim_name/cancel | Алаяқтар сіздің атыңызға {amt} теңге несие алды. Оны жабу үшін қарсы несие рәсімдеп, ақшаны резервтік шотқа аудару керек, сонда алғашқы несие жойылады
kk/loan_in_victim_name/cancel | Сіздің атыңызға рәсімделген несиені жою үшін SMS арқылы келген кодты операторға айтыңыз<, әйтпесе несие күшіне енеді|>
kk/loan_in_victim_name/credit_bureau | Бірінші кредиттік бюро: кредиттік тарихыңызда {date} күнгі {amt} тг жаңа несие пайда болды. Дауласу үшін {phone} нөміріне хабарласыңыз
kk/loan_in_victim_name/credit_bureau | Сіздің атыңызға {n} микроқаржы ұйымында алдын ала мақұлданған несие бар. Оларды бұғаттау қызметі ақылы — {small} теңге. Төлем нөмірі: {phone}
kk/loan_in_victim_name/report | {date} күні банктен деп хабарласып, атыңызға несие рәсімделіп жатыр, оны жою керек деді. Айтқандарымен қарсы несие алып, {amt} теңгені олардың шотына аудардым
kk/loan_in_victim_name/report | Біреу менің ЖСН-іме {amt} тг микронесие алып қойыпты. Мен ондай өтінім берген жоқпын, ақшаны да алған жоқпын<. Не істеуім керек?|>
kk/prize_lottery/car_win | Құттықтаймыз! Сіз {shop} ұтыс ойынында {prize} ұттыңыз! Сыйлықты алу үшін {phone} нөміріне хабарласыңыз
kk/prize_lottery/car_win | Сіздің нөміріңіз {bank} жылдық ұтыс ойынының жеңімпазы атанды. Жүлде: {prize}. Ұтыс коды: {code}
kk/prize_lottery/fee_tax | Жүлдеңізді рәсімдеу үшін алдымен {small} теңге салық пен сақтандыру ақысын төлеу қажет. Төлемнен кейін сыйлық {date} күні жеткізіледі
kk/prize_lottery/fee_tax | Сыйлық сіздің атыңызға бекітілді. Одан айырылмау үшін 24 сағат ішінде {small} тг рәсімдеу жарнасын Kaspi {phone} нөміріне аударыңыз
kk/prize_lottery/giveaway | Сәлем! Сіз біздің Instagram-дағы ұтыс ойынымыздың жеңімпазы болдыңыз 🎉 {prize} сізге жіберіледі, тек жеткізу ақысын {small} теңге төлеу керек
kk/prize_lottery/giveaway | {shop} дүкенінің {n} жылдығына орай ұтыс ойыны! Сіз {prize} ұттыңыз, сыйлықты алу үшін сілтемеге өтіңіз: {slink}
kk/prize_lottery/report | Маған {prize} ұттыңыз деген SMS келді. Хабарласқанымда салық төлеу керек деп, {small} теңге аудартты, кейін тағы ақша сұрады. Ешқандай сыйлық болған жоқ
kk/prize_lottery/report | Instagram-да «сіз ұтыс ойынында жеңдіңіз» деп жазды, жеткізу ақысы деп {small} тг аудардым. Сыйлық та, ақша да жоқ
kk/phishing_link/egov_payment | eGov: Сізге {amt} теңге мөлшерінде мемлекеттік әлеуметтік төлем тағайындалды. Алу үшін карта деректеріңізді енгізіңіз: {glink}
kk/phishing_link/egov_payment | Сізге {small} теңге өтемақы есептелді, бірақ әлі төленбеген! Тексеріп, алу үшін өтіңіз: {glink}
kk/phishing_link/parcel | Kazpost: Сәлемдемеңіз мекенжай толық болмағандықтан қоймада сақталуда. Жеткізуді растау үшін {fee} тг төлеп, деректеріңізді жаңартыңыз: {plink}
kk/phishing_link/parcel | Сіздің {track} сәлемдемеңізді жеткізу мүмкін болмады. Қайта жеткізуді тағайындау үшін сілтемеге өтіңіз: {plink}
kk/phishing_link/bank_bonus | {bank}: Сізге {small} теңге кэшбэк есептелді! Бонусты картаға шығару үшін {blink} сілтемесіне өтіп, карта деректерін растаңыз
kk/phishing_link/bank_bonus | Kaspi аккаунтыңыз 24 сағаттан кейін бұғатталады. Жеке басыңызды растаңыз: {blink}
kk/phishing_link/sale_payment | Сәлеметсіз бе, хабарландыруыңыз бойынша жазып тұрмын. OLX Доставка арқылы төлеп қойдым, ақшаны алу үшін сілтемеге өтіп, карта деректеріңізді енгізіңіз: {mlink}
kk/phishing_link/sale_payment | Тауарыңызға төлем жасалды ✅ Қаражатты алу үшін «Қауіпсіз мәміле» бетіне өтіңіз: {mlink}
kk/phishing_link/report | Маған eGov атынан әлеуметтік төлем туралы SMS келді. Сілтемеге өтіп, карта деректерімді енгізген сәтте картамнан {amt} теңге шешіліп кетті
kk/phishing_link/report | OLX-те зат сатып жатқанмын, «сатып алушы» төлем алуға сілтеме жіберді. Карта деректерін енгізіп едім, {amt} тг жоғалттым
kk/romance/ticket | Жаным, мен саған жақында ұшып барамын ❤️ Бірақ билетке {amt} теңге жетпей тұр, картам мұнда жұмыс істемейді. Көмектесе аласың ба? Келген соң бірден қайтарамын
kk/romance/ticket | Қымбаттым, визаны рәсімдеуге {amt} тг керек екен, сонда келесі аптада бірге боламыз. Сенен басқа сенетін адамым жоқ
kk/romance/customs | Саған жіберген сыйлығым кеденде тұрып қалды, ішінде алтын әшекей мен доллар бар. Кеден бажы {amt} теңге, мен әскери базадамын, өзім төлей алмаймын. Төлеп жіберші, жаным
kk/romance/customs | Кеден қызметі: Сіздің атыңызға {partner} жіберген сәлемдеме келді. Алу үшін {amt} тг кеден бажын төлеңіз
kk/romance/emergency | Жаным, мен ауруханадамын, ота жасау керек, бірақ шетелдік болғандықтан банк шоттарымды бұғаттап тастады. {amt} теңге аударып жіберсең, өмір бойы ұмытпаймын
kk/romance/emergency | Танысқанымызға {n} ай болды, мен саған толық сенемін. Мұраға қалған ақшамды алу үшін адвокатқа {amt} тг төлеу керек, кейін бәрін қайтарамын
kk/romance/report | Сайтта өзін американдық әскери дәрігер деп таныстырған адаммен таныстым, {n} ай бойы хат жазыстық. Кейін ол сыйлық жібердім, кеденге баж төле деді, мен {amt} теңге аудардым. Енді ол жауап бермейді
kk/romance/report | Instagram-да танысқан жігіт маған үйленемін деп уәде берді, кейін билет пен виза үшін ақша сұрады. Барлығы {amt} тг аудардым, қазір нөмірі өшірулі
kk/ham/bank_notification | Kaspi: Сатып алу {small} ₸, {shop}. Қолжетімді {amt} ₸
kk/ham/bank_notification | {bank}: Картаңызға {amt} ₸ түсті, жіберуші {name} {initial}.
kk/ham/bank_notification | {bank}: Несие бойынша кезекті төлем {date} күні — {small} ₸. Шотта қаражат жеткілікті болуын қадағалаңыз
kk/ham/otp_code | Kaspi.kz: Растау коды {code}. Кодты ешкімге айтпаңыз, тіпті банк қызметкерлеріне де
kk/ham/otp_code | {bank}: Кіру коды {code}. Бұл кодты ешкімге хабарламаңыз
kk/ham/otp_code | eGov: SMS-код {code}. Код 5 минут ішінде жарамды
kk/ham/delivery | Kazpost: {track} сәлемдемеңіз {city} қаласындағы бөлімшеге келді. Сақтау мерзімі — 14 күн. post.kz
kk/ham/delivery | Kaspi Доставка: Тапсырысыңыз {date} күні 10:00–14:00 аралығында жеткізіледі. Курьер: {name}, {phone}
kk/ham/delivery | Wildberries: Тапсырысыңыз беру пунктіне жетті. Алу коды: {code}
kk/ham/egov_sms | eGov: №{order} өтінішіңіз бойынша анықтама дайын. Жеке кабинеттен жүктеп алыңыз: egov.kz
kk/ham/egov_sms | ХҚКО: Жеке куәлігіңізді {date} күнінен бастап {city} қаласындағы ХҚКО-дан алуға болады
kk/ham/egov_sms | eGov: 2023 жылғы мүлік салығы бойынша хабарлама келді, сомасы {small} тг. Банк қосымшасы арқылы төлеуге болады
kk/ham/family_money | Мама, түскі асқа {lunch} теңге жіберші <🙏|өтінемін|>
kk/ham/family_money | Әке, телефонымның ақшасы бітіп қалды, {lunch} тг салып жібересің бе?
kk/ham/family_money | Аға, айлық түскенше {small} теңге қарызға бере тұрасыз ба? {date} күні қайтарамын
kk/ham/family_money | {name}, сәлем! Кешегі кафедегі өз үлесімді Kaspi-ге аудардым, {small} тг. Рахмет!
kk/ham/honest_ad | {item} сатылады, {n} жыл қолданылған, жағдайы жақсы. Бағасы {amt} тг, саудаласуға болады. {city}, өзіңіз келіп алып кетесіз. Тел: {phone}
kk/ham/honest_ad | {item} сатамын. Келіп көріп, тексеріп алуға болады, төлем тауарды алған кезде. {phone}
kk/ham/fraud_warning | Полиция ескертеді: банк қызметкерлері ешқашан SMS-кодты сұрамайды. Күдікті қоңырау болса, 102-ге хабарласыңыз
kk/ham/fraud_warning | Құрметті клиенттер! Алаяқтар банк атынан қоңырау шалып, ақшаны «қауіпсіз шотқа» аударуды сұрайды. Мұндай қоңырауларға сенбеңіз. {bank}
kk/ham/fraud_warning | {city} қаласының тұрғыны жалған брокерге сеніп, {amt} теңгеден айырылды. Полиция сақ болуға шақырады
kk/ham/taxi | Yandex Go: Сізге ақ {car} келеді, {plate}. Жүргізуші {name}, {n} минуттан кейін
kk/ham/taxi | Жүргізуші күтіп тұр. Ақылы күту 3 минуттан кейін басталады
kk/ham/taxi | Сапар аяқталды. Құны {lunch} ₸. Рахмет!
kk/ham/shop_promo | {shop}: Барлық тауарларға {pct}% дейін жеңілдік! Акция {date} күніне дейін жарамды
kk/ham/shop_promo | {bank}: Сізге {amt} ₸ дейін несие алдын ала мақұлданды. Қосымшада рәсімдей аласыз
kk/ham/shop_promo | Тек осы демалыста {shop} дүкенінде екінші тауар 1 ₸!
kk/ham/other_crime_report | {date} күні автобуста телефонымды ұрлап кетті, арыз жазғым келеді
kk/ham/other_crime_report | Аулада тұрған көлігімді біреу соғып кетіпті, тіркеу нөмірі {plate}. Полицияға арыз беремін
ru/marketplace_ad/ad_text | <Срочно продам|Продаю|Продам> {item}, <новый|в идеальном состоянии|как новый>, цена {amt} тг<, торг|>. Я не в вашем городе, отправлю <Казпочтой|через InDrive|курьером> после 100% предоплаты. <Тел.|WhatsApp> {phone}
ru/marketplace_ad/ad_text | {item} — всего {amt} ₸! Отдам дёшево, уезжаю <за границу|на вахту>. Только предоплата на Kaspi Gold, после оплаты сразу отправлю. Пишите в WhatsApp {phone}
ru/marketplace_ad/ad_text | Дёшево! {item} за {amt} тенге<, без торга|>. Посмотреть нельзя, нахожусь в г. {city}. Предоплата на Kaspi, доставка бесплатно. {phone}
ru/marketplace_ad/seller_chat | Здравствуйте, {item} ещё в наличии. Чтобы забронировать, переведите предоплату {small} тг на Kaspi по номеру {phone} ({name} {initial}.). После оплаты <сегодня же|завтра утром> отправлю
ru/marketplace_ad/seller_chat | Да, актуально. Но ещё двое спрашивают, кто первый внесёт задаток, тому и отдам. Скиньте {small} ₸ на Kaspi Gold {phone}, отложу для вас
ru/marketplace_ad/seller_chat | Доставку оплачу сам, вы только переведите половину суммы заранее — {small} тг. Остальное при получении<, договорились?|.>
ru/marketplace_ad/rent_deposit | Сдаётся квартира посуточно, г. {city}, {small} тг/сутки. Бронь только по предоплате за 2 суток на Kaspi, ключи при заселении. {phone}
ru/marketplace_ad/rent_deposit | Квартира свободна, но для брони нужен залог {small} тг, иначе отдам другим. Адрес скину после оплаты
ru/marketplace_ad/rent_deposit | Сдаю авто в аренду, {car}, {small} ₸ в сутки. Для оформления документов сначала залог {small2} ₸ переводом. {phone}
ru/marketplace_ad/report | {date} хотел купить {item} на OLX, продавец попросил предоплату, я перевёл {amt} тг, после чего он перестал выходить на связь и товар не отправил. Номер продавца {phone}
ru/marketplace_ad/report | Увидела в Instagram объявление: {item} по низкой цене. Перевела {amt} тенге предоплаты, а меня заблокировали. Прошу помочь вернуть деньги
ru/marketplace_ad/report | Хотели снять квартиру посуточно, перевели залог {small} тг, после этого «хозяйка» пропала<, телефон {phone}|>
ru/fake_bank_call/blocked_card | {bank}: ваша карта *{card4} заблокирована из-за подозрительной операции. Для разблокировки позвоните в службу безопасности {phone}
ru/fake_bank_call/blocked_card | Уважаемый клиент! С вашего счёта зафиксирована попытка перевода {amt} тг в г. {city}. Если это были не вы, срочно свяжитесь со службой безопасности банка: {phone}
ru/fake_bank_call/sms_code | Здравствуйте, вас беспокоит служба безопасности {bank}, меня зовут {name}. По вашей карте зафиксирована подозрительная операция. Для отмены продиктуйте код из SMS, который сейчас придёт
ru/fake_bank_call/sms_code | Сейчас вам придёт код подтверждения от банка. Назовите его мне, чтобы мы отменили перевод, иначе деньги спишутся
ru/fake_bank_call/sms_code | Как специалист банка говорю: для подтверждения личности назовите три цифры на обороте карты и код из SMS<, это безопасно|>
ru/fake_bank_call/safe_account | Ваш счёт взломан мошенниками. Чтобы сохранить средства, срочно переведите все деньги на защищённый резервный счёт, номер продиктует специалист. Никому не сообщайте об этом, даже сотрудникам в отделении
ru/fake_bank_call/safe_account | {bank}: для защиты ваших средств открыт безопасный счёт. Переведите {amt} тг на номер {phone}, после проверки деньги вернутся на вашу карту
ru/fake_bank_call/report | {date} мне позвонили якобы из службы безопасности {bank} и сказали, что карта заблокирована. Попросили продиктовать код из SMS, я назвала, после чего со счёта списали {amt} тг
ru/fake_bank_call/report | Позвонил мужчина, представился сотрудником банка, убедил меня перевести {amt} тенге на «безопасный счёт». Номер звонившего {phone}. Прошу возбудить уголовное дело
ru/fake_police_call/accomplice | Здравствуйте, вас беспокоит следователь департамента полиции г. {city} {officer}. Через ваш банковский счёт переводились деньги преступной группе. Если вы не будете сотрудничать, будете привлечены как соучастник
ru/fake_police_call/accomplice | Я сотрудник КНБ<, {officer}|>. Ваш счёт используется для финансирования терроризма. Вы обязаны помочь следствию, иначе вас признают пособником
ru/fake_police_call/secret_operation | Сейчас на ваше имя в {bank} оформляется кредит. Чтобы задержать злоумышленников, вы должны участвовать в операции: оформить встречный кредит и перевести деньги на указанный нами счёт. Это тайна следствия, родственникам не говорите
ru/fake_police_call/secret_operation | Говорит прокуратура. Для сохранности ваших сбережений их нужно временно перевести на защищённый государственный счёт. После проверки деньги будут возвращены в полном объёме
ru/fake_police_call/summons | Вам направлена повестка по уголовному делу №{order}. Для дачи объяснений в течение 24 часов позвоните по номеру {phone}. В случае неявки будет применён принудительный привод
ru/fake_police_call/summons | Генеральная прокуратура РК: по вашим счетам выявлены подозрительные операции. Во избежание ответственности свяжитесь со следователем по номеру {phone}
ru/fake_police_call/report | Мне по WhatsApp позвонил человек в форме, представился сотрудником КНБ, сказал, что мой счёт используют преступники. Под давлением я перевела {amt} тг на «безопасный счёт»
ru/fake_police_call/report | {date} позвонили якобы из полиции, сказали, что на меня оформляют кредит и нужно помочь следствию. По их указанию я взял кредит в {bank} и перевёл {amt} тенге
ru/investment_scam/crypto_income | Доход на криптовалюте от {amt} тенге в неделю! Опыт не нужен, наши аналитики всё сделают за вас. Регистрация: {tglink}
ru/investment_scam/crypto_income | Вложите всего {small} тг и получите {roi}% за месяц<, доход гарантирован|>. Количество мест ограничено, пишите {phone}
ru/investment_scam/broker | Добрый день, меня зовут {name}, я финансовый аналитик международной брокерской компании. Предлагаю персональную программу: торговля акциями с доходностью {roi}% в месяц. Для открытия счёта достаточно {small} тг
ru/investment_scam/broker | На вашем брокерском счёте прибыль {amt} тг, но чтобы её вывести, нужно сначала оплатить налог {pct}%. Обратитесь к персональному менеджеру
ru/investment_scam/state_project | Инвестируйте в акции КазМунайГаз! Вложите {small} тг и получайте пассивный доход от {amt} тг в месяц. Проект поддерживается государством. Оставить заявку: {slink}
ru/investment_scam/state_project | Новая программа Национального фонда: каждый казахстанец может вложить {small} тг и ежемесячно получать стабильный доход. Регистрация только сегодня: {slink}
ru/investment_scam/report | В Telegram «брокер» предложил инвестировать в криптовалюту. Сначала я вложил {small} тг, мне показывали прибыль, потом вложил ещё {amt} тг. При попытке вывода потребовали оплатить налог и пропали
ru/investment_scam/report | Увидела в интернете рекламу инвестиций в КазМунайГаз, оставила заявку, мне позвонил «менеджер» и уговорил перевести {amt} тенге. Денег я больше не видела
ru/pyramid/invite_friends | Приглашай друзей и зарабатывай! За каждого приглашённого {small} тг бонус. Вступительный взнос всего {small2} тг. Подробнее: {tglink}
ru/pyramid/invite_friends | Зарабатывайте не выходя из дома! Достаточно пригласить {n5} друзей, и вы получаете процент с их вкладов
ru/pyramid/levels | Система простая: вносишь {small} тг и попадаешь на 1 уровень, приглашаешь {n5} человек — переходишь на 2 уровень и получаешь {amt} тг. Каждый закрытый стол удваивает доход!
ru/pyramid/levels | У нас {n5} уровней, на каждом вы получаете процент с партнёров. Присоединяйся сегодня — завтра у тебя своя команда
ru/pyramid/club | Вступайте в клуб взаимопомощи! Внесите {small} тг и через {n5} недель получите {amt} тг. Единственное условие — привести новых участников
ru/pyramid/club | В нашем бизнес-клубе пассивный доход гарантирован: чем больше растёт твоя команда, тем больше ты получаешь. С нами уже зарабатывают {n5} тысяч человек!
ru/pyramid/report | Знакомая пригласила меня в «клуб», сказала, что нужно вложить {small} тг и приглашать людей. Я вложила {amt} тг, пригласила родственников, теперь организаторы пропали, выплат нет
ru/pyramid/report | Коллега втянул в «финансовое сообщество»: бонус за каждого нового человека, чем выше уровень, тем больше доход. Вложил {amt} тенге, выплаты прекратились
ru/loan_in_victim_name/application | {bank}: на ваше имя подана заявка на кредит {amt} тг. Если заявку подавали не вы, для отмены срочно позвоните {phone}
ru/loan_in_victim_name/application | Внимание! На ваш ИИН в МФО г. {city} оформлен займ {amt} тг. Для аннулирования займа свяжитесь с оператором: {phone}
ru/loan_in_victim_name/cancel | Мошенники оформили на вас кредит {amt} тг. Чтобы его погасить, необходимо оформить встречный кредит и перевести средства на резервный счёт, тогда первый кредит аннулируют
ru/loan_in_victim_name/cancel | Для отмены кредита, оформленного на ваше имя, продиктуйте оператору код из SMS<, иначе кредит вступит в силу|>
ru/loan_in_victim_name/credit_bureau | Первое кредитное бюро: в вашей кредитной истории появился новый займ на {amt} тг от {date}. Чтобы оспорить, позвоните {phone}
ru/loan_in_victim_name/credit_bureau | На ваше имя предварительно одобрены займы в {n} МФО. Для их блокировки оплатите услугу {small} тг на номер {phone}
ru/loan_in_victim_name/report | {date} мне позвонили, сказали, что на меня оформили кредит, и чтобы его отменить, нужно взять встречный. Я оформила кредит на {amt} тг и перевела им деньги
ru/loan_in_victim_name/report | Кто-то оформил на мой ИИН микрозайм на {amt} тг. Я никаких заявок не подавал и денег не получал<. Что мне делать?|>
ru/prize_lottery/car_win | Поздравляем! Вы выиграли {prize} в розыгрыше {shop}! Для получения приза позвоните {phone}
ru/prize_lottery/car_win | Ваш номер стал победителем ежегодного розыгрыша {bank}. Приз: {prize}. Код выигрыша: {code}
ru/prize_lottery/fee_tax | Для оформления приза необходимо оплатить налог и страховку {small} тг. После оплаты приз будет доставлен {date}
ru/prize_lottery/fee_tax | Приз закреплён за вами. Чтобы не потерять его, в течение 24 часов переведите сбор за оформление {small} тг на Kaspi {phone}
ru/prize_lottery/giveaway | Привет! Вы стали победителем нашего розыгрыша в Instagram 🎉 Отправим вам {prize}, нужно только оплатить доставку {small} тг
ru/prize_lottery/giveaway | Розыгрыш к {n}-летию {shop}! Вы выиграли {prize}, для получения перейдите по ссылке: {slink}
ru/prize_lottery/report | Мне пришло SMS, что я выиграл {prize}. Когда позвонил, сказали оплатить налог, я перевёл {small} тг, потом потребовали ещё. Никакого приза нет
ru/prize_lottery/report | В Instagram написали, что я победила в розыгрыше, за доставку перевела {small} тг. Ни подарка, ни денег
ru/phishing_link/egov_payment | eGov: вам назначена социальная выплата {amt} тг. Для получения введите данные карты: {glink}
ru/phishing_link/egov_payment | Вам начислена компенсация {small} тг, но она ещё не выплачена! Проверьте и получите: {glink}
ru/phishing_link/parcel | Kazpost: ваша посылка задержана на складе из-за неполного адреса. Для подтверждения доставки оплатите {fee} тг и обновите данные: {plink}
ru/phishing_link/parcel | Не удалось доставить отправление {track}. Назначьте повторную доставку по ссылке: {plink}
ru/phishing_link/bank_bonus | {bank}: вам начислен кешбэк {small} тг! Чтобы вывести бонус на карту, перейдите по ссылке {blink} и подтвердите данные карты
ru/phishing_link/bank_bonus | Ваш аккаунт Kaspi будет заблокирован через 24 часа. Подтвердите личность: {blink}
ru/phishing_link/sale_payment | Здравствуйте, я по вашему объявлению. Оплатил через OLX Доставку, чтобы получить деньги, перейдите по ссылке и введите данные карты: {mlink}
ru/phishing_link/sale_payment | Ваш товар оплачен ✅ Для получения средств перейдите на страницу «Безопасная сделка»: {mlink}
ru/phishing_link/report | Пришло SMS якобы от eGov о выплате, перешла по ссылке, ввела данные карты, и сразу списали {amt} тг
ru/phishing_link/report | Продавала вещь на OLX, «покупатель» прислал ссылку для получения оплаты, я ввела данные карты и потеряла {amt} тенге
ru/romance/ticket | Любимая, я скоро прилечу к тебе ❤️ Но мне не хватает {amt} тг на билет, моя карта здесь не работает. Можешь помочь? Сразу верну, как приеду
ru/romance/ticket | Дорогая, на оформление визы нужно {amt} тг, и уже на следующей неделе мы будем вместе. Кроме тебя мне некому довериться
ru/romance/customs | Мой подарок тебе застрял на таможне, там золотые украшения и доллары. Пошлина {amt} тг, я на военной базе и не могу оплатить сам. Оплати, пожалуйста, милая
ru/romance/customs | Таможенная служба: на ваше имя поступила посылка, отправитель {partner}. Для получения оплатите таможенную пошлину {amt} тг
ru/romance/emergency | Милая, я в больнице, нужна операция, а банк заблокировал мне счета, потому что я иностранец. Переведи {amt} тг, я никогда этого не забуду
ru/romance/emergency | Мы знакомы уже {n} месяца, я тебе полностью доверяю. Чтобы получить наследство, нужно заплатить адвокату {amt} тг, потом я всё верну
ru/romance/report | Познакомилась в интернете с мужчиной, он представился американским военным врачом. Через {n} месяца попросил оплатить таможню за посылку, я перевела {amt} тг, после этого он пропал
ru/romance/report | Парень из Instagram обещал жениться, потом попросил денег на билет и визу. Всего перевела {amt} тг, сейчас его номер недоступен
ru/ham/bank_notification | Kaspi: покупка {small} ₸, {shop}. Доступно {amt} ₸
ru/ham/bank_notification | {bank}: пополнение {amt} ₸ от {name} {initial}. Баланс {amt2} ₸
ru/ham/bank_notification | {bank}: очередной платёж по кредиту {small} ₸ будет списан {date}. Пожалуйста, обеспечьте наличие средств
ru/ham/otp_code | Код {code}. Никому не сообщайте, даже сотрудникам банка. {bank}
ru/ham/otp_code | Kaspi.kz: код подтверждения {code}. Никому его не говорите
ru/ham/otp_code | Ваш код для входа в eGov Mobile: {code}. Действителен 5 минут
ru/ham/delivery | Kazpost: посылка {track} прибыла в отделение г. {city}. Срок хранения 14 дней. Отслеживание: post.kz
ru/ham/delivery | Ваш заказ Kaspi Магазин будет доставлен {date} с 10:00 до 14:00. Курьер {name}, тел. {phone}
ru/ham/delivery | Wildberries: заказ ждёт вас в пункте выдачи. Код получения {code}
ru/ham/egov_sms | eGov: справка по вашей заявке №{order} готова. Скачайте в личном кабинете egov.kz
ru/ham/egov_sms | ЦОН: ваше удостоверение личности готово к выдаче с {date}, ЦОН г. {city}
ru/ham/egov_sms | eGov: поступило уведомление о налоге на имущество за 2023 год, сумма {small} тг. Оплатить можно в приложении банка
ru/ham/family_money | мам, скинь {lunch} на обед <пожалуйста|😘|>
ru/ham/family_money | Пап, закинь {lunch} на телефон, баланс ноль
ru/ham/family_money | Сестрёнка, займи {small} тг до зарплаты, {date} верну
ru/ham/family_money | {name}, привет! Перевела тебе свою часть за вчерашнее кафе, {small} тг. Спасибо!
ru/ham/honest_ad | Продам {item}, б/у, состояние хорошее. Цена {amt} тг, торг уместен. {city}, самовывоз. Звоните {phone}
ru/ham/honest_ad | Продаю {item}. Можно посмотреть и проверить на месте, оплата при получении. {phone}
ru/ham/fraud_warning | Полиция предупреждает: не сообщайте никому коды из SMS. Сотрудники банка никогда не просят код
ru/ham/fraud_warning | {bank} напоминает: мы не звоним с просьбой перевести деньги на «безопасный счёт». Если звонят — кладите трубку
ru/ham/fraud_warning | Жительница г. {city} лишилась {amt} тенге, поверив лжеброкеру. Полиция призывает быть бдительными
ru/ham/taxi | Yandex Go: к вам приедет белый {car}, {plate}. Водитель {name}, через {n} мин
ru/ham/taxi | Водитель ожидает. Платное ожидание начнётся через 3 минуты
ru/ham/taxi | Поездка завершена. Стоимость {lunch} ₸. Спасибо!
ru/ham/shop_promo | {shop}: скидки до {pct}% на всё! Акция действует до {date}
ru/ham/shop_promo | {bank}: вам предварительно одобрен кредит до {amt} ₸. Оформите в приложении
ru/ham/shop_promo | Только в эти выходные в {shop}: второй товар за 1 ₸!
ru/ham/other_crime_report | {date} в автобусе у меня украли телефон, хочу написать заявление
ru/ham/other_crime_report | Кто-то поцарапал мою машину во дворе и уехал, госномер {plate}. Прошу разобраться
en/marketplace_ad/ad_text | <URGENT sale|Selling|For sale>: {item}, <brand new|like new|perfect condition>, only {amt} KZT<, negotiable|>. I'm in another city, will ship <by Kazpost|via InDrive|by courier> after 100% prepayment. <Call|WhatsApp> {phone}
en/marketplace_ad/ad_text | {item} for just {amt} tenge! Moving abroad so selling cheap. Prepayment to my Kaspi Gold first, then I send it the same day. WhatsApp {phone}
en/marketplace_ad/ad_text | Cheap! {item}, {amt} KZT<, no bargaining|>. No viewing possible, I'm in {city}. Prepay to Kaspi, free delivery. {phone}
en/marketplace_ad/seller_chat | Hi, yes the {item} is still available. To reserve it please send a {small} KZT prepayment to Kaspi {phone} ({name} {initial}.). I'll ship <today|tomorrow morning> once it arrives
en/marketplace_ad/seller_chat | Still available, but two other people are asking. Whoever pays the deposit first gets it. Send {small} tenge to {phone} on Kaspi and I'll hold it for you
en/marketplace_ad/seller_chat | I'll cover the delivery myself, you just transfer half the price upfront, {small} KZT. The rest when you receive it<, deal?|.>
en/marketplace_ad/rent_deposit | Daily rental flat in {city}, {small} KZT per night. Booking only with prepayment for 2 nights to Kaspi, keys on arrival. {phone}
en/marketplace_ad/rent_deposit | The flat is free but you need to send a {small} tenge deposit to book it, otherwise I'll give it to someone else. I'll send the address after payment
en/marketplace_ad/rent_deposit | Car for rent, {car}, {small} KZT a day. To prepare the papers first transfer a {small2} KZT deposit. {phone}
en/marketplace_ad/report | On {date} I tried to buy the {item} on OLX. The seller asked for prepayment, I transferred {amt} KZT and then he turned off his phone and never sent anything. His number: {phone}
en/marketplace_ad/report | I saw an ad for a cheap {item} on Instagram, paid {amt} tenge upfront and the seller blocked me. Please help me get my money back
en/marketplace_ad/report | We wanted to rent a flat for a few days, sent a {small} KZT deposit and the "owner" vanished<, number {phone}|>
en/fake_bank_call/blocked_card | {bank}: your card *{card4} has been temporarily blocked due to a suspicious transaction. To unblock it call the security department at {phone}
en/fake_bank_call/blocked_card | Dear customer, an attempt to transfer {amt} KZT from your account to {city} was detected. If this was not you, contact bank security immediately: {phone}
en/fake_bank_call/sms_code | Hello, this is {name} from {bank} security. We see a suspicious transaction on your card. To cancel it please read me the code from the SMS you are about to receive
en/fake_bank_call/sms_code | You will now get a confirmation code from the bank. Tell me that code so we can stop the transfer, otherwise the money will be debited
en/fake_bank_call/sms_code | As a bank specialist I need to verify you: please give me the three digits on the back of your card and the SMS code<, it's completely safe|>
en/fake_bank_call/safe_account | Your account has been compromised. To keep your savings safe move all your money to a protected reserve account right away, our specialist will give you the number. Don't tell anyone, not even staff at the branch
en/fake_bank_call/safe_account | {bank}: a safe account has been opened to protect your funds. Transfer {amt} KZT to {phone}, the money will return to your card after the check
en/fake_bank_call/report | On {date} someone called me claiming to be from {bank} security and said my card was blocked. They asked for the SMS code, I gave it, and {amt} KZT was taken from my account
en/fake_bank_call/report | A man introduced himself as a bank employee and convinced me to move {amt} tenge to a "safe account". The caller's number was {phone}. I want to file a case
en/fake_police_call/accomplice | Good afternoon, this is investigator {officer} from the {city} police department. Money has been sent to a criminal group through your bank account. If you don't cooperate you will be charged as an accomplice
en/fake_police_call/accomplice | I am an officer of the National Security Committee (KNB)<, {officer}|>. Your account is being used to finance terrorism. You must cooperate with the investigation or you will be treated as an accomplice
en/fake_police_call/secret_operation | Right now a loan is being taken out in your name at {bank}. To catch the criminals you must take part in an operation: take a counter-loan and transfer the money to the account we give you. This is secret, do not tell your relatives
en/fake_police_call/secret_operation | This is the prosecutor's office. To protect your savings you must temporarily transfer them to a secure state account. The money will be returned in full after the check
en/fake_police_call/summons | You have been summoned in criminal case No. {order}. Call {phone} within 24 hours to give an explanation. Failure to respond will result in forced appearance
en/fake_police_call/summons | Prosecutor General's Office: suspicious financial operations were found on your accounts. To avoid liability contact the investigator at {phone}
en/fake_police_call/report | A man in uniform video-called me on WhatsApp, said he was from the KNB and that criminals were using my account. Under pressure I transferred {amt} KZT to a "safe account"
en/fake_police_call/report | On {date} someone called saying they were police, that a loan was being taken in my name and I had to help the investigation. I took a loan at {bank} and sent {amt} tenge as they told me
en/investment_scam/crypto_income | Earn from {amt} tenge a week trading crypto! No experience needed, our analysts do everything for you. Sign up: {tglink}
en/investment_scam/crypto_income | Invest only {small} KZT and get {roi}% in a month<, guaranteed|>. Limited spots, message {phone}
en/investment_scam/broker | Good afternoon, my name is {name}, financial analyst at an international brokerage. I can offer you a personal stock trading program with {roi}% monthly return. You only need {small} KZT to open an account
en/investment_scam/broker | Your trading account shows a profit of {amt} KZT, but to withdraw it you must first pay a {pct}% tax. Contact your personal manager
en/investment_scam/state_project | Invest in KazMunayGas shares! Put in {small} KZT and receive passive income from {amt} KZT a month. A state-backed project. Apply here: {slink}
en/investment_scam/state_project | New National Fund program: every citizen of Kazakhstan can invest {small} tenge and earn a stable monthly income. Registration today only: {slink}
en/investment_scam/report | A "broker" on Telegram offered me crypto investments. I first put in {small} KZT, they showed me profits, then I invested another {amt} KZT. When I tried to withdraw they demanded a tax and disappeared
en/investment_scam/report | I saw an online ad about investing in KazMunayGas, left my number, a "manager" called and talked me into transferring {amt} tenge. I never saw the money again
en/pyramid/invite_friends | Invite your friends and earn! {small} KZT bonus for every person you bring. Entry fee only {small2} tenge. Details: {tglink}
en/pyramid/invite_friends | Earn from home! Just invite {n5} friends and you get a percentage of their deposits
en/pyramid/levels | The system is simple: pay {small} KZT to enter level 1, invite {n5} people and you move to level 2 and receive {amt} KZT. Every closed table doubles your income!
en/pyramid/levels | We have {n5} levels and you get a percentage from your partners on each one. Join today and have your own team tomorrow
en/pyramid/club | Join our mutual help club! Put in {small} KZT and get {amt} KZT back in {n5} weeks. The only condition is bringing in new members
en/pyramid/club | Guaranteed passive income in our business club: the bigger your team grows, the more you earn. {n5} thousand people already earn with us!
en/pyramid/report | A friend invited me into a "club" where you pay {small} KZT and bring in new people. I put in {amt} KZT and invited my relatives, now the organisers have vanished and no one gets paid
en/pyramid/report | A colleague pulled me into a "financial community": a bonus for every new person, higher levels mean more income. I put in {amt} tenge and the payouts stopped
en/loan_in_victim_name/application | {bank}: a loan application for {amt} KZT has been submitted in your name. If it wasn't you, call {phone} immediately to cancel it
en/loan_in_victim_name/application | Attention! A microloan of {amt} KZT has been issued on your IIN by an MFO in {city}. To annul it contact the operator: {phone}
en/loan_in_victim_name/cancel | Fraudsters have taken a loan of {amt} KZT in your name. To close it you need to take a counter-loan and move the funds to a reserve account, then the first loan will be cancelled
en/loan_in_victim_name/cancel | To cancel the loan issued in your name, please tell the operator the code from the SMS<, otherwise the loan will take effect|>
en/loan_in_victim_name/credit_bureau | First Credit Bureau: a new loan of {amt} KZT dated {date} has appeared in your credit history. To dispute it call {phone}
en/loan_in_victim_name/credit_bureau | Pre-approved loans in {n} microfinance companies are registered in your name. To block them pay a {small} KZT service fee to {phone}
en/loan_in_victim_name/report | On {date} I got a call saying a loan had been taken in my name and to cancel it I had to take a counter-loan. I took {amt} KZT and transferred it to them
en/loan_in_victim_name/report | Someone took a {amt} KZT microloan on my IIN. I never applied for anything and never got the money<. What should I do?|>
en/prize_lottery/car_win | Congratulations! You have won {prize} in the {shop} draw! To claim your prize call {phone}
en/prize_lottery/car_win | Your number has been selected as a winner of the {bank} annual draw. Prize: {prize}. Winning code: {code}
en/prize_lottery/fee_tax | To process your prize you must first pay tax and insurance of {small} KZT. After payment the prize will be delivered on {date}
en/prize_lottery/fee_tax | The prize is reserved for you. To keep it, transfer the {small} KZT processing fee to Kaspi {phone} within 24 hours
en/prize_lottery/giveaway | Hi! You are the winner of our Instagram giveaway 🎉 We'll send you {prize}, you just need to pay {small} KZT for delivery
en/prize_lottery/giveaway | {shop} anniversary draw! You have won {prize}, follow the link to claim it: {slink}
en/prize_lottery/report | I got an SMS saying I had won {prize}. When I called they told me to pay tax, I sent {small} KZT, then they asked for more. There was no prize
en/prize_lottery/report | On Instagram they wrote that I won a giveaway, I paid {small} KZT for delivery. No gift, no money
en/phishing_link/egov_payment | eGov: you have been granted a social payment of {amt} KZT. Enter your card details to receive it: {glink}
en/phishing_link/egov_payment | You have an unpaid compensation of {small} KZT! Check and claim it here: {glink}
en/phishing_link/parcel | Kazpost: your parcel is held at the warehouse because the address is incomplete. Pay {fee} KZT to confirm delivery and update your details: {plink}
en/phishing_link/parcel | We could not deliver your shipment {track}. Schedule a new delivery here: {plink}
en/phishing_link/bank_bonus | {bank}: you have earned {small} KZT cashback! To withdraw it to your card follow {blink} and confirm your card details
en/phishing_link/bank_bonus | Your Kaspi account will be blocked in 24 hours. Verify your identity: {blink}
en/phishing_link/sale_payment | Hi, I'm writing about your ad. I've already paid via OLX Delivery, to receive the money follow the link and enter your card details: {mlink}
en/phishing_link/sale_payment | Your item has been paid for ✅ To receive the funds go to the "Safe Deal" page: {mlink}
en/phishing_link/report | I got an SMS supposedly from eGov about a payment, followed the link, entered my card details and {amt} KZT was immediately taken
en/phishing_link/report | I was selling something on OLX, the "buyer" sent me a link to receive the payment, I entered my card details and lost {amt} tenge
en/romance/ticket | My love, I'll fly to you very soon ❤️ But I'm short {amt} KZT for the ticket and my card doesn't work here. Can you help? I'll pay you back as soon as I arrive
en/romance/ticket | Darling, the visa costs {amt} KZT and then next week we will finally be together. I have no one else I can trust
en/romance/customs | My gift to you is stuck at customs, it has gold jewellery and dollars inside. The duty is {amt} KZT and I can't pay it from the military base. Please pay it, sweetheart
en/romance/customs | Customs service: a parcel has arrived in your name, sender {partner}. Pay the customs duty of {amt} KZT to receive it
en/romance/emergency | Sweetheart, I'm in hospital and need surgery, but my bank froze my accounts because I'm a foreigner. Please send {amt} KZT, I will never forget it
en/romance/emergency | We have known each other for {n} months and I trust you completely. To receive my inheritance I must pay the lawyer {amt} KZT, then I'll pay everything back
en/romance/report | I met a man online who said he was a US army doctor. After {n} months he asked me to pay customs for a parcel, I sent {amt} KZT and he disappeared
en/romance/report | A guy from Instagram promised to marry me, then asked for money for a ticket and a visa. I sent {amt} KZT in total, now his number is switched off
en/ham/bank_notification | Kaspi: purchase {small} KZT, {shop}. Available {amt} KZT
en/ham/bank_notification | {bank}: {amt} KZT received from {name} {initial}. Balance {amt2} KZT
en/ham/bank_notification | {bank}: your next loan payment of {small} KZT is due on {date}. Please make sure funds are available
en/ham/otp_code | Your {bank} verification code is {code}. Never share it with anyone, even bank staff
en/ham/otp_code | {code} is your Kaspi.kz login code. Do not share it
en/ham/otp_code | Your eGov Mobile code: {code}. Valid for 5 minutes
en/ham/delivery | Kazpost: parcel {track} has arrived at the {city} post office. It will be kept for 14 days. Track at post.kz
en/ham/delivery | Your Kaspi order will be delivered on {date} between 10:00 and 14:00. Courier {name}, {phone}
en/ham/delivery | Wildberries: your order is waiting at the pick-up point. Pick-up code {code}
en/ham/egov_sms | eGov: the certificate for your request No. {order} is ready. Download it in your account at egov.kz
en/ham/egov_sms | PSC: your ID card is ready for collection from {date} at the {city} Public Service Center
en/ham/egov_sms | eGov: you have a 2023 property tax notice for {small} KZT. You can pay it in your bank app
en/ham/family_money | Mom can you send me {lunch} for lunch <please|pls|😘>
en/ham/family_money | Dad, could you top up my phone with {lunch} tenge? It's at zero
en/ham/family_money | Hey sis, can I borrow {small} KZT till payday? I'll pay you back on {date}
en/ham/family_money | Hi {name}! Sent you my share for the cafe yesterday, {small} KZT. Thanks!
en/ham/honest_ad | Selling {item}, used for {n} years, good condition. {amt} KZT, open to offers. Pick-up in {city}. Call {phone}
en/ham/honest_ad | Selling {item}. You can come, inspect and test it, pay on pick-up. {phone}
en/ham/fraud_warning | Police warn: never share codes from SMS with anyone. Bank staff will never ask for your code
en/ham/fraud_warning | {bank} reminds you: we never call asking you to move money to a "safe account". If someone does, hang up
en/ham/fraud_warning | A resident of {city} lost {amt} tenge after trusting a fake broker. Police urge people to stay alert
en/ham/taxi | Yandex Go: a white {car} is coming for you, {plate}. Driver {name}, arriving in {n} min
en/ham/taxi | Your driver is waiting. Paid waiting starts in 3 minutes
en/ham/taxi | Trip completed. Fare {lunch} KZT. Thank you!
en/ham/shop_promo | {shop}: up to {pct}% off everything! Offer valid until {date}
en/ham/shop_promo | {bank}: you are pre-approved for a loan of up to {amt} KZT. Apply in the app
en/ham/shop_promo | This weekend only at {shop}: second item for 1 KZT!
en/ham/other_crime_report | On {date} my phone was stolen on the bus, I want to file a report
en/ham/other_crime_report | Someone scratched my car in the yard and drove off, plate {plate}. Please look into it
"""


def _parse() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in _TEMPLATES.strip().splitlines():
        key, sep, tpl = line.partition(" | ")
        if not sep:
            raise ValueError(f"bad template line: {line!r}")
        out.setdefault(key.strip(), []).append(tpl.strip())
    return out


_FAMILIES = _parse()


def families() -> list[str]:
    """All family ids, "<lang>/<scheme>/<name>", in a fixed order."""
    return list(_FAMILIES)


# ----------------------------------------------------------------------- slot values
_NAMES = {
    "kk": [
        "Айгерім",
        "Нұрлан",
        "Дәурен",
        "Әсел",
        "Ерлан",
        "Жанар",
        "Бауыржан",
        "Мадина",
        "Айдос",
        "Гүлнара",
        "Серік",
        "Дана",
        "Ақбота",
        "Ғалым",
    ],
    "ru": [
        "Алексей",
        "Ольга",
        "Дмитрий",
        "Наталья",
        "Сергей",
        "Екатерина",
        "Айгерим",
        "Нурлан",
        "Асель",
        "Ерлан",
        "Марина",
        "Руслан",
        "Виктория",
    ],
    "en": [
        "Aigerim",
        "Nurlan",
        "Daniyar",
        "Assel",
        "Yerlan",
        "Olga",
        "Dmitry",
        "Madina",
        "Ruslan",
        "Dana",
        "Alex",
        "Timur",
    ],
}
_BANKS = {
    "kk": ["Kaspi", "Halyk", "Jusan", "Forte", "Bereke", "Freedom", "Home Credit", "ЦентрКредит"],
    "ru": [
        "Kaspi Bank",
        "Halyk Bank",
        "Jusan Bank",
        "ForteBank",
        "Bereke Bank",
        "Freedom Bank",
        "Home Credit Bank",
        "BCC",
    ],
    "en": [
        "Kaspi Bank",
        "Halyk Bank",
        "Jusan Bank",
        "ForteBank",
        "Bereke Bank",
        "Freedom Bank",
        "Home Credit Bank",
        "Bank CenterCredit",
    ],
}
_CITIES = {
    "kk": [
        "Алматы",
        "Астана",
        "Шымкент",
        "Қарағанды",
        "Ақтөбе",
        "Павлодар",
        "Өскемен",
        "Атырау",
        "Тараз",
        "Қостанай",
        "Семей",
        "Орал",
    ],
    "ru": [
        "Алматы",
        "Астана",
        "Шымкент",
        "Караганда",
        "Актобе",
        "Павлодар",
        "Усть-Каменогорск",
        "Атырау",
        "Тараз",
        "Костанай",
        "Семей",
        "Уральск",
    ],
    "en": [
        "Almaty",
        "Astana",
        "Shymkent",
        "Karaganda",
        "Aktobe",
        "Pavlodar",
        "Oskemen",
        "Atyrau",
        "Taraz",
        "Kostanay",
        "Semey",
        "Oral",
    ],
}
_ITEMS = {
    "kk": [
        "iPhone 14 Pro",
        "Samsung Galaxy S23",
        "PlayStation 5",
        "балалар арбасы",
        "тоңазытқыш",
        "MacBook Air ноутбук",
        "диван",
        "велосипед",
        "кір жуғыш машина",
        "Dyson шаңсорғыш",
    ],
    "ru": [
        "iPhone 14 Pro",
        "Samsung Galaxy S23",
        "PlayStation 5",
        "холодильник LG",
        "ноутбук MacBook Air",
        "диван",
        "велосипед",
        "пылесос Dyson",
        "телевизор Samsung",
    ],
    "en": [
        "iPhone 14 Pro",
        "Samsung Galaxy S23",
        "PlayStation 5",
        "LG fridge",
        "MacBook Air",
        "sofa",
        "bicycle",
        "Dyson vacuum",
        "baby stroller",
        "washing machine",
    ],
}
_PRIZES = {
    "kk": [
        "Chevrolet Cobalt",
        "жаңа көлік",
        "iPhone 15 Pro",
        "1 000 000 теңге",
        "500 000 теңгелік сертификат",
        "Samsung теледидар",
    ],
    "ru": [
        "автомобиль Chevrolet Cobalt",
        "iPhone 15 Pro",
        "1 000 000 тенге",
        "сертификат на 500 000 тг",
        "телевизор Samsung",
    ],
    "en": [
        "a Chevrolet Cobalt car",
        "an iPhone 15 Pro",
        "1,000,000 tenge",
        "a 500,000 KZT gift certificate",
        "a Samsung TV",
    ],
}
_SHOPS = ["Magnum", "Sulpak", "Technodom", "Small", "Mechta", "Galmart", "Arbuz.kz", "Meloman"]
_OFFICERS = {
    "kk": [
        "Ахметов Данияр",
        "Серікбаев Нұржан",
        "Жұмабеков Асқар",
        "капитан Омаров",
        "майор Тлеубаев",
    ],
    "ru": ["Ахметов Данияр", "Серикбаев Н.К.", "капитан Жумабеков", "майор Омаров", "Иванов А.С."],
    "en": ["Akhmetov", "Captain Serikbayev", "Major Omarov", "Zhumabekov"],
}
_PARTNERS = {
    "kk": ["Джеймс Уилсон", "Дэниел Картер", "Майкл Браун", "Роберт Миллер"],
    "ru": ["Джеймс Уилсон", "Дэниел Картер", "Майкл Браун", "Роберт Миллер"],
    "en": ["James Wilson", "Daniel Carter", "Michael Brown", "Robert Miller"],
}
_CARS = [
    "Chevrolet Cobalt",
    "Hyundai Accent",
    "Toyota Camry",
    "Kia Rio",
    "Lada Granta",
    "Hyundai Elantra",
]
_MONTHS = {
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
_SCAM_SITES = [
    "invest-kmg.online",
    "kz-invest.pro",
    "qazaq-profit.site",
    "bonus-kz.top",
    "samruk-dohod.club",
    "nacfond-kz.com",
]
_BANK_SITES = [
    "kaspi-bonus.top",
    "halyk-secure.online",
    "kaspi-kz.verify-id.com",
    "jusan-cashback.site",
    "bit.ly/3xK9aQ",
    "kaspi.kz-bonus.info",
]
_GOV_SITES = [
    "egov-vyplata.kz-gov.site",
    "egov-kz.online/pay",
    "gov-kompensaciya.com",
    "enbek-tolem.site",
    "egov.kz.social-pay.net",
]
_POST_SITES = [
    "kazpost-track.info",
    "post-kz.delivery-pay.net",
    "kazp0st.com/track",
    "kazpost.kz-redelivery.top",
]
_MARKET_SITES = [
    "olx-dostavka.shop",
    "olx-kz.safe-deal.online",
    "olx.kz-pay.site",
    "krisha-oplata.site",
]
_TG = [
    "t.me/crypto_profit_kz",
    "t.me/invest_qazaqstan",
    "@bonus_invest_bot",
    "t.me/+aK3dPq9",
    "t.me/dohod_kz_2024",
    "@kz_million_club",
]
_OPERATORS = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]


def _money(rng: random.Random, lo: int, hi: int, step: int) -> str:
    v = rng.randrange(lo, hi, step)
    style = rng.random()
    if style < 0.5:
        return f"{v:,}".replace(",", " ")
    if style < 0.85:
        return str(v)
    return f"{v:,}".replace(",", ".")


def _phone(rng: random.Random) -> str:
    op = rng.choice(_OPERATORS)
    d = "".join(str(rng.randrange(10)) for _ in range(7))
    a, b, c = d[:3], d[3:5], d[5:]
    return rng.choice(
        [
            f"+7 {op} {a} {b} {c}",
            f"8{op}{d}",
            f"8 ({op}) {a}-{b}-{c}",
            f"+7{op}{d}",
            f"8-{op}-{a}-{b}-{c}",
            f"8 {op} {a} {b}{c}",
        ]
    )


def _link(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(["", "", "https://", "http://", "www."]) + rng.choice(pool)


def _date(rng: random.Random, lang: str) -> str:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    r = rng.random()
    if r < 0.4:
        return f"{day:02d}.{month:02d}"
    if r < 0.6:
        return f"{day:02d}.{month:02d}.{rng.choice([2023, 2024, 2025])}"
    if lang == "en":
        return f"{day} {_MONTHS['en'][month - 1]}"
    return f"{day} {_MONTHS[lang][month - 1]}"


def _slot(key: str, lang: str, rng: random.Random) -> str:
    latin = "ABCDEFGHKLMNOPRSTXYZ"
    if key == "name":
        return rng.choice(_NAMES[lang])
    if key == "initial":
        return rng.choice("ABDEKMNST" if lang == "en" else "АБДЕКМНСТ")
    if key == "bank":
        return rng.choice(_BANKS[lang])
    if key == "city":
        return rng.choice(_CITIES[lang])
    if key == "item":
        return rng.choice(_ITEMS[lang])
    if key == "prize":
        return rng.choice(_PRIZES[lang])
    if key == "shop":
        return rng.choice(_SHOPS)
    if key == "officer":
        return rng.choice(_OFFICERS[lang])
    if key == "partner":
        return rng.choice(_PARTNERS[lang])
    if key == "car":
        return rng.choice(_CARS)
    if key in ("amt", "amt2"):
        return _money(rng, 50_000, 3_000_000, 1_000 if rng.random() < 0.7 else 500)
    if key in ("small", "small2"):
        return _money(rng, 500, 50_000, 100)
    if key == "fee":
        return str(rng.randrange(150, 1000, 10))
    if key == "pct":
        return str(rng.randrange(10, 75, 5))
    if key == "roi":
        return str(rng.choice([30, 40, 50, 70, 100, 150, 200, 300]))
    if key == "n":
        return str(rng.randint(2, 4))
    if key == "n5":
        return str(rng.randint(5, 9))
    if key == "lunch":
        return str(rng.randrange(500, 5001, 100))
    if key == "code":
        return "".join(str(rng.randrange(10)) for _ in range(rng.choice([4, 4, 6])))
    if key == "card4":
        return "".join(str(rng.randrange(10)) for _ in range(4))
    if key == "order":
        return "".join(str(rng.randrange(10)) for _ in range(rng.choice([6, 9, 10])))
    if key == "track":
        return (
            rng.choice(["RB", "RA", "CP", "LP", "EE"])
            + "".join(str(rng.randrange(10)) for _ in range(9))
            + rng.choice(["KZ", "CN", "KZ"])
        )
    if key == "plate":
        return (
            f"{rng.randint(100, 999)} "
            + "".join(rng.choice(latin) for _ in range(3))
            + f" {rng.randint(1, 18):02d}"
        )
    if key == "phone":
        return _phone(rng)
    if key == "date":
        return _date(rng, lang)
    if key == "slink":
        return _link(rng, _SCAM_SITES)
    if key == "blink":
        return _link(rng, _BANK_SITES)
    if key == "glink":
        return _link(rng, _GOV_SITES)
    if key == "plink":
        return _link(rng, _POST_SITES)
    if key == "mlink":
        return _link(rng, _MARKET_SITES)
    if key == "tglink":
        return rng.choice(_TG)
    raise KeyError(f"unknown slot {key!r}")


_ALT = re.compile(r"<([^<>]*)>")
_SLOT = re.compile(r"\{(\w+)\}")


def _render(tpl: str, lang: str, rng: random.Random) -> str:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), tpl)
    cache: dict[str, str] = {}

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in cache:
            cache[key] = _slot(key, lang, rng)
        return cache[key]

    return re.sub(r" {2,}", " ", _SLOT.sub(fill, text)).strip()


# ----------------------------------------------------------------------------- noise
_KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_CYR_TO_LAT = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
_HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "с": "c", "р": "p", "х": "x", "у": "y"}
_SLANG = {
    "kk": [
        ("Сәлеметсіз бе", "Салем"),
        ("сәлем", "слм"),
        ("Рахмет", "Рахмет!!"),
        ("өтінемін", "отинемин"),
    ],
    "ru": [
        ("пожалуйста", "пжл"),
        ("Спасибо", "спс"),
        ("Здравствуйте", "Здрасте"),
        ("сейчас", "щас"),
    ],
    "en": [("you", "u"), ("please", "pls"), ("your", "ur"), ("Thanks", "thx")],
}
_EMOJI = ["🙏", "😊", "❗", "👍", "🔥", "😢", "✅", "‼️", "🤔", "❤️", "😱", "💰"]
_WORD = re.compile(r"(?<![\w./@-])[^\W\d_]{4,}(?![\w/@-]|\.\w)")  # not inside links


def _translit(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYR_TO_LAT:
            lat = _CYR_TO_LAT[low]
            out.append(lat.capitalize() if ch != low else lat)
        else:
            out.append(ch)
    return "".join(out)


def _typo(text: str, rng: random.Random) -> str:
    words = [m for m in _WORD.finditer(text)]
    if not words:
        return text
    m = rng.choice(words)
    w, i = m.group(0), rng.randrange(1, len(m.group(0)) - 1)
    op = rng.randrange(3)
    if op == 0:
        w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif op == 1:
        w = w[:i] + w[i + 1 :]
    else:
        w = w[:i] + w[i] + w[i:]
    return text[: m.start()] + w + text[m.end() :]


def _noise(text: str, lang: str, rng: random.Random) -> str:
    for old, new in _SLANG[lang]:
        if old in text and rng.random() < 0.15:
            text = text.replace(old, new)
    if lang == "kk":
        r = rng.random()
        if r < 0.25:
            text = text.translate(_KK_TO_RU)
        elif r < 0.4:
            text = "".join(c.translate(_KK_TO_RU) if rng.random() < 0.5 else c for c in text)
        elif r < 0.48:
            text = _translit(text)
    if lang == "ru" and rng.random() < 0.05:
        words = list(_WORD.finditer(text))
        for m in rng.sample(words, min(len(words), rng.randint(1, 3))):
            w = "".join(_HOMOGLYPHS.get(c, c) if rng.random() < 0.5 else c for c in m.group(0))
            text = text[: m.start()] + w + text[m.end() :]
    for _ in range(rng.choice([0, 0, 0, 0, 1, 1, 2])):
        text = _typo(text, rng)
    r = rng.random()
    if r < 0.1:
        text = text.lower()
    elif r < 0.14:
        text = text.upper()
    if rng.random() < 0.2:
        text = text.rstrip(".!")
    if rng.random() < 0.1:
        text = text.replace(",", "")
    if rng.random() < 0.12:
        e = rng.choice(_EMOJI)
        text = f"{e} {text}" if rng.random() < 0.3 else f"{text} {e}"
    return text


# ----------------------------------------------------------------------------- build
def build(seed: int, per_family: int = 30) -> list[LabelledText]:
    """per_family texts from every family, deterministic for a given seed."""
    rng = random.Random(seed)
    out: list[LabelledText] = []
    for family, templates in _FAMILIES.items():
        lang, scheme, _ = family.split("/")
        seen: set[str] = set()
        made = tries = 0
        while made < per_family:
            tries += 1
            text = _noise(_render(rng.choice(templates), lang, rng), lang, rng)
            if text in seen and tries < per_family * 20:  # repeats only if space exhausted
                continue
            seen.add(text)
            made += 1
            out.append(LabelledText(text=text, lang=lang, scheme=scheme, family=family))
    return out


def _check() -> None:
    for lang in LANGS:
        for scheme in SCHEMES:
            n = sum(1 for f in _FAMILIES if f.startswith(f"{lang}/{scheme}/"))
            assert n >= 4, (lang, scheme, n)
    assert {f.split("/")[0] for f in _FAMILIES} == set(LANGS)
    assert {f.split("/")[1] for f in _FAMILIES} == set(SCHEMES)


if __name__ == "__main__":
    _check()
    data = build(1)
    assert data == build(1)
    counts = Counter((t.lang, t.scheme) for t in data)
    print(f"{len(data)} texts, {len(_FAMILIES)} families")
    print(f"{'scheme':<22}" + "".join(f"{lang:>6}" for lang in LANGS))
    for scheme in SCHEMES:
        print(f"{scheme:<22}" + "".join(f"{counts[(lang, scheme)]:>6}" for lang in LANGS))
    ex = random.Random(7)
    for lang in LANGS:
        print(f"\n--- {lang}")
        for t in ex.sample([t for t in data if t.lang == lang], 5):
            print(f"[{t.scheme} | {t.family}] {t.text}")
