"""Russian and Kazakh for the Telegram bot's texts (English is the message id)."""

from __future__ import annotations

BOT_TRANSLATIONS: dict[str, tuple[str, str]] = {
    # English: (Russian, Kazakh)
    "CyberPol helps you check a number or link before you pay and report fraudsters.": (
        "CyberPol помогает проверить номер или ссылку, прежде чем платить, и сообщить о "
        "мошенниках.",
        "CyberPol төлемес бұрын нөмірді не сілтемені тексеруге және алаяқтар туралы хабарлауға "
        "көмектеседі.",
    ),
    "Check a number or link": ("Проверить номер или ссылку", "Нөмірді не сілтемені тексеру"),
    "My reports": ("Мои сообщения", "Менің хабарламаларым"),
    "How to protect yourself": ("Как защититься", "Қалай қорғануға болады"),
    "Send me the phone number, card, account, link, wallet or handle, or forward the message.": (
        "Пришлите номер телефона, карты или счёта, ссылку, кошелёк или аккаунт, либо перешлите "
        "сообщение.",
        "Телефон, карта не шот нөмірін, сілтемені, әмиянды не аккаунтты жіберіңіз немесе "
        "хабарламаны қайта жіберіңіз.",
    ),
    "Never tell anyone an SMS code. The bank and the police never ask you to move money to a "
    '"safe account". Hang up and call the number on your card yourself. Never pay in advance to '
    "strangers.": (
        "Никому не сообщайте код из SMS. Банк и полиция никогда не просят перевести деньги на "
        "«безопасный счёт». Положите трубку и сами позвоните по номеру на вашей карте. Не "
        "платите незнакомым людям заранее.",
        "SMS-кодты ешкімге айтпаңыз. Банк пен полиция ешқашан ақшаны «қауіпсіз шотқа» аударуды "
        "сұрамайды. Тұтқаны қойып, картаңыздағы нөмірге өзіңіз хабарласыңыз. Бейтаныс адамдарға "
        "алдын ала төлемеңіз.",
    ),
    "You are sending messages too fast. Please wait a minute.": (
        "Вы отправляете сообщения слишком часто. Подождите минуту.",
        "Хабарламаларды тым жиі жіберіп жатырсыз. Бір минут күтіңіз.",
    ),
    "Something went wrong on our side. Please try again in a minute.": (
        "У нас что-то пошло не так. Попробуйте ещё раз через минуту.",
        "Бізде бірдеңе дұрыс болмады. Бір минуттан кейін қайталап көріңіз.",
    ),
    "I found no phone number, card, account, link, wallet or handle in your message. Send one "
    "and I will check it, or press /start for the menu.": (
        "В вашем сообщении нет номера телефона, карты, счёта, ссылки, кошелька или аккаунта. "
        "Пришлите одно из них, и я проверю, или нажмите /start для меню.",
        "Хабарламаңызда телефон, карта, шот нөмірі, сілтеме, әмиян не аккаунт табылмады. "
        "Соның бірін жіберіңіз, мен тексеремін, немесе мәзір үшін /start басыңыз.",
    ),
    "I checked the first {count} values.": (
        "Я проверил первые {count} значений.",
        "Алғашқы {count} мәнді тексердім.",
    ),
    "What happened? Write it in your own words, or forward the fraudster's message here.": (
        "Что произошло? Напишите своими словами или перешлите сюда сообщение мошенника.",
        "Не болды? Өз сөзіңізбен жазыңыз немесе алаяқтың хабарламасын осында қайта жіберіңіз.",
    ),
    "Send photos, screenshots, PDF files or voice messages if you have them, then press Done.": (
        "Пришлите фото, скриншоты, PDF-файлы или голосовые сообщения, если они есть, затем "
        "нажмите «Готово».",
        "Фото, скриншоттар, PDF файлдар не дауыстық хабарлар болса, жіберіңіз, содан кейін "
        "«Дайын» батырмасын басыңыз.",
    ),
    "How much money did you lose, in tenge? Send a number, or press Skip.": (
        "Сколько денег вы потеряли, в тенге? Пришлите число или нажмите «Пропустить».",
        "Қанша ақша жоғалттыңыз, теңгемен? Санды жіберіңіз немесе «Өткізіп жіберу» басыңыз.",
    ),
    "Which region are you in?": ("В каком вы регионе?", "Қай өңірдесіз?"),
    "May the police contact you? Press the button to share your phone number, or Skip.": (
        "Может ли полиция с вами связаться? Нажмите кнопку, чтобы поделиться номером телефона, "
        "или «Пропустить».",
        "Полиция сізбен байланыса ала ма? Телефон нөміріңізбен бөлісу үшін батырманы басыңыз "
        "немесе «Өткізіп жіберу».",
    ),
    "Share my phone number": ("Поделиться номером телефона", "Телефон нөмірімен бөлісу"),
    "Done": ("Готово", "Дайын"),
    "Skip": ("Пропустить", "Өткізіп жіберу"),
    "Cancel": ("Отмена", "Бас тарту"),
    "Received {count} of at most {limit} files.": (
        "Получено файлов: {count} из {limit} возможных.",
        "{limit} файлдың {count} файлы алынды.",
    ),
    "That is enough files: at most {limit}.": (
        "Файлов достаточно: не больше {limit}.",
        "Файлдар жеткілікті: {limit} файлдан аспайды.",
    ),
    "This file is larger than 20 MB; send a smaller one or a screenshot.": (
        "Этот файл больше 20 МБ; пришлите файл поменьше или скриншот.",
        "Бұл файл 20 МБ-тан үлкен; кішірек файл не скриншот жіберіңіз.",
    ),
    "I can take photos, PDF files and voice messages here. Press Done when ready.": (
        "Здесь я принимаю фото, PDF-файлы и голосовые сообщения. Когда закончите, нажмите "
        "«Готово».",
        "Мұнда фото, PDF файлдар мен дауыстық хабарларды қабылдаймын. Дайын болғанда «Дайын» "
        "басыңыз.",
    ),
    "Please describe what happened in words.": (
        "Опишите, пожалуйста, словами, что произошло.",
        "Не болғанын сөзбен сипаттап беріңіз.",
    ),
    "Please check your report before it is sent.": (
        "Проверьте сообщение перед отправкой.",
        "Жібермес бұрын хабарламаңызды тексеріңіз.",
    ),
    "Found in it:": ("В нём найдено:", "Онда табылғаны:"),
    "No numbers, cards, accounts or links found; an analyst will read the text.": (
        "Номеров, карт, счетов и ссылок не найдено; текст прочитает аналитик.",
        "Нөмірлер, карталар, шоттар мен сілтемелер табылмады; мәтінді талдаушы оқиды.",
    ),
    "Loss: {amount} tenge": ("Ущерб: {amount} тенге", "Шығын: {amount} теңге"),
    "{count} file(s) were not photos, PDF or voice messages and were left out.": (
        "Файлов не приложено: {count} — это не фото, не PDF и не голосовые сообщения.",
        "{count} файл тіркелмеді: олар фото, PDF не дауыстық хабар емес.",
    ),
    "Thank you. Your report number is {number}.": (
        "Спасибо. Ваш номер сообщения {number}.",
        "Рахмет. Хабарламаңыздың нөмірі {number}.",
    ),
    "May we write to you here when the police confirm or block what you reported?": (
        "Написать вам сюда, когда полиция подтвердит или заблокирует то, о чём вы сообщили?",
        "Полиция сіз хабарлағанды растағанда не бұғаттағанда осында жазайық па?",
    ),
    "Yes, write to me": ("Да, напишите мне", "Иә, маған жазыңыз"),
    "No, thank you": ("Нет, спасибо", "Жоқ, рахмет"),
    "We will write here when your report moves on.": (
        "Мы напишем сюда, когда по вашему сообщению будет движение.",
        "Хабарламаңыз бойынша өзгеріс болғанда осында жазамыз.",
    ),
    "All right. Your reports are always under My reports in /start.": (
        "Хорошо. Ваши сообщения всегда можно найти в разделе «Мои сообщения» в /start.",
        "Жақсы. Хабарламаларыңыз /start ішіндегі «Менің хабарламаларым» бөлімінде тұрады.",
    ),
    "Report {number}: the police confirmed that {value} is used by fraudsters.": (
        "Сообщение {number}: полиция подтвердила, что {value} используют мошенники.",
        "{number} хабарламасы: полиция {value} алаяқтар пайдаланатынын растады.",
    ),
    "Report {number}: {value} has been blocked.": (
        "Сообщение {number}: {value} заблокирован.",
        "{number} хабарламасы: {value} бұғатталды.",
    ),
    "Report {number}: after a check, {value} was found not to be fraud.": (
        "Сообщение {number}: после проверки {value} не признан мошенническим.",
        "{number} хабарламасы: тексеруден кейін {value} алаяқтыққа жатпайтыны анықталды.",
    ),
    "Report {number}: the owner of {value} appealed against its listing. The appeal was "
    "upheld: {value} is no longer listed as fraud.": (
        "Сообщение {number}: владелец {value} обжаловал внесение в реестр. Жалоба "
        "удовлетворена: {value} больше не числится мошенническим.",
        "{number} хабарламасы: {value} иесі тізімге енгізуге шағым берді. Шағым "
        "қанағаттандырылды: {value} енді алаяқтық тізімінде жоқ.",
    ),
    "Report {number}: the owner of {value} appealed against its listing. The appeal was "
    "rejected: {value} stays listed as fraud.": (
        "Сообщение {number}: владелец {value} обжаловал внесение в реестр. В жалобе "
        "отказано: {value} остаётся в реестре как мошеннический.",
        "{number} хабарламасы: {value} иесі тізімге енгізуге шағым берді. Шағым "
        "қабылданбады: {value} алаяқтық тізімінде қалады.",
    ),
    "I do not know that command. Choose from the menu:": (
        "Я не знаю такой команды. Выберите в меню:",
        "Мұндай команданы білмеймін. Мәзірден таңдаңыз:",
    ),
    "Thank you, the police will see how to reach you.": (
        "Спасибо, полиция будет знать, как с вами связаться.",
        "Рахмет, полиция сізбен қалай байланысуға болатынын біледі.",
    ),
    "Without a contact, then.": (
        "Хорошо, без контакта.",
        "Жақсы, байланыссыз.",
    ),
    "This is someone else's contact. To be reached, press the button under the message to "
    "share your own number, or Skip.": (
        "Это чужой контакт. Чтобы с вами связались, нажмите кнопку под сообщением и "
        "поделитесь своим номером, или «Пропустить».",
        "Бұл басқа адамның байланысы. Сізбен байланысу үшін хабарлама астындағы түймені "
        "басып, өз нөміріңізбен бөлісіңіз немесе «Өткізіп жіберу» басыңыз.",
    ),
    "I work in a private chat only: write to me directly.": (
        "Я работаю только в личном чате: напишите мне напрямую.",
        "Мен тек жеке чатта жұмыс істеймін: маған тікелей жазыңыз.",
    ),
    "That step is over. Choose from the menu:": (
        "Этот шаг уже пройден. Выберите в меню:",
        "Бұл қадам аяқталды. Мәзірден таңдаңыз:",
    ),
    "Please press one of the buttons under the message.": (
        "Пожалуйста, нажмите одну из кнопок под сообщением.",
        "Хабарлама астындағы түймелердің бірін басыңыз.",
    ),
    "I added this to the description. Send photos or files if you have them, or press Done.": (
        "Я добавил это к описанию. Пришлите фото или файлы, если они есть, или нажмите «Готово».",
        "Мұны сипаттамаға қостым. Фото не файлдар болса, жіберіңіз немесе «Дайын» "
        "түймесін басыңыз.",
    ),
    "Report {number}: the police opened criminal case {value} on it. Keep this number "
    "for your statement.": (
        "Сообщение {number}: по нему полиция возбудила уголовное дело {value}. Сохраните "
        "этот номер для вашего заявления.",
        "{number} хабарламасы: полиция ол бойынша {value} қылмыстық ісін қозғады. Бұл нөмірді "
        "өтінішіңіз үшін сақтаңыз.",
    ),
    "The report was not sent. Press /start for the menu.": (
        "Сообщение не отправлено. Нажмите /start для меню.",
        "Хабарлама жіберілмеді. Мәзір үшін /start басыңыз.",
    ),
    "The report could not be sent: {reason}. Please try again with /start.": (
        "Не удалось отправить сообщение: {reason}. Попробуйте ещё раз через /start.",
        "Хабарламаны жіберу мүмкін болмады: {reason}. /start арқылы қайталап көріңіз.",
    ),
    "Your reports:": ("Ваши сообщения:", "Сіздің хабарламаларыңыз:"),
    "You have not sent any reports from this chat yet.": (
        "Из этого чата вы ещё не отправляли сообщений.",
        "Бұл чаттан әлі хабарлама жібермегенсіз.",
    ),
    "Forwarded from Telegram user {who}": (
        "Переслано от пользователя Telegram {who}",
        "Telegram пайдаланушысынан қайта жіберілді: {who}",
    ),
}
