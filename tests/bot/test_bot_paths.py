"""The bot's other doors: the check from the menu and from anything a citizen sends, advice,
commands it does not know, empty messages, and what a reporter hears when an owner appeals."""

from __future__ import annotations

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.categories import Channel, ScamCategory
from cyberpol.reports.domain import AppealStatus, AppealSubmission, ReportSubmission
from cyberpol.reports.ports import ReportFilter
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.test_bot import (
    CHAT,
    _choose,
    running_bot,
    set_status,
    start_report,
    subscribed_report,
)
from tests.web.test_pages import png

ANALYST = Actor("aigerim", Role.ANALYST)


def _listed(runtime: Runtime, text: str) -> None:
    """Values reported by someone else through the API's use case."""
    runtime.reports.submit(
        submission=ReportSubmission(
            text=text, category=ScamCategory.MARKETPLACE_AD, channel=Channel.WEB
        )
    )


def test_kazakh_check_from_the_menu_advice_and_what_else_a_citizen_sends(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    _listed(bot_runtime, "Сатушы 8 705 123 45 67 нөмірінен, @olx_kuryer_kz арқылы жазды")
    with running_bot(bot_runtime):
        _choose(telegram, "kk")
        telegram.press(CHAT, "menu:check")
        assert telegram.wait_for(CHAT, 3)[-1].startswith("Телефон, карта не шот нөмірін")
        telegram.text(CHAT, "87051234567")
        verdict = telegram.wait_for(CHAT, 4)[-1]
        assert verdict.startswith("Телефон нөмірі: +77051234567\nАлаяқтық туралы шағымдар бар")
        telegram.press(CHAT, "menu:help")
        assert "SMS" in telegram.wait_for(CHAT, 5)[-1]
        # A photo of the ad with the link in its caption, a shared contact, a forward.
        telegram.send(CHAT, photo=[telegram.upload(png(3, 3)) | {"width": 3, "height": 3}],
                      caption="Мына сайт дұрыс па? kaspi-bonus-kz.com")  # fmt: skip
        assert "kaspi-bonus-kz.com\nТізілімде жоқ" in telegram.wait_for(CHAT, 6)[-1]
        telegram.send(CHAT, contact={"phone_number": "77051234567", "first_name": "Курьер"})
        assert "+77051234567\nАлаяқтық туралы" in telegram.wait_for(CHAT, 7)[-1]
        origin = {"type": "user", "date": 1764700000,
                  "sender_user": {"id": 9, "is_bot": False, "first_name": "OLX",
                                  "username": "olx_kuryer_kz"}}  # fmt: skip
        telegram.text(CHAT, "Сәлеметсіз бе, тауарыңызды жеткіземіз", forward_origin=origin)
        assert "olx_kuryer_kz\nАлаяқтық туралы" in telegram.wait_for(CHAT, 8)[-1]
        # A message with nothing in it (a location, a sticker) and a command it does not know.
        telegram.send(CHAT, location={"latitude": 43.24, "longitude": 76.89})
        assert telegram.wait_for(CHAT, 9)[-1].startswith("Хабарламаңызда телефон")
        telegram.send(CHAT)
        assert telegram.wait_for(CHAT, 10)[-1].startswith("Хабарламаңызда телефон")
        telegram.text(CHAT, "/balance")
        assert telegram.wait_for(CHAT, 11)[-1] == "Мұндай команданы білмеймін. Мәзірден таңдаңыз:"
    assert bot_runtime.reports.list_reports(actor=ANALYST, filters=ReportFilter()).total == 1


def test_russian_help_check_an_empty_message_a_loss_in_words_and_a_typed_contact(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        _choose(telegram, "ru")
        telegram.text(CHAT, "/help")
        advice = telegram.wait_for(CHAT, 3)[-1]
        assert advice.startswith("Никому не сообщайте код из SMS")
        assert "• Звонок «из банка» или «из полиции»" in advice
        telegram.text(CHAT, "/check")
        assert telegram.wait_for(CHAT, 4)[-1].startswith("Пришлите номер телефона")
        telegram.text(CHAT, "https://egov-kz.online/login")
        verdict = telegram.wait_for(CHAT, 5)[-1]
        assert verdict.startswith("Ссылка: https://egov-kz.online/login\nНет в реестре")
        telegram.text(CHAT, "/report")
        telegram.wait_for(CHAT, 6)
        telegram.press(CHAT, "cat:fake_police_call")
        telegram.wait_for(CHAT, 8)
        telegram.send(CHAT)  # nothing in it at all
        assert telegram.wait_for(CHAT, 9)[-1] == "Опишите, пожалуйста, словами, что произошло."
        telegram.text(CHAT, "Позвонили из «полиции», сказали перевести на KZ86125KZT5004100100")
        telegram.wait_for(CHAT, 10)
        telegram.press(CHAT, "ev:done")
        telegram.wait_for(CHAT, 11)
        telegram.text(CHAT, "много")
        assert telegram.wait_for(CHAT, 12)[-1].startswith("Укажите ущерб числом")
        telegram.text(CHAT, "1,5 млн тг")
        telegram.wait_for(CHAT, 13)
        telegram.press(CHAT, "reg:skip")
        telegram.wait_for(CHAT, 14)
        # Someone else's contact card is no consent; a number typed by hand is kept.
        telegram.send(CHAT, contact={"phone_number": "+77010000000", "first_name": "Сын"})
        assert telegram.wait_for(CHAT, 15)[-1].startswith("Это чужой контакт")
        telegram.text(CHAT, "8 777 123 45 67")
        said = telegram.wait_for(CHAT, 17)
        assert said[-2] == "Спасибо, полиция будет знать, как с вами связаться."
        assert "Ущерб: 1\u00a0500\u00a0000 тенге" in said[-1]
        telegram.press(CHAT, "ok:send")
        thanks = telegram.wait_for(CHAT, 20)[-2]
    report = bot_runtime.reports.get(
        actor=ANALYST, report_id=thanks.split("номер сообщения ")[1].rstrip(".")
    )
    assert report.contact == "8 777 123 45 67"
    assert report.loss_amount == 1_500_000


def test_the_reporter_hears_how_owners_appeals_were_decided_once_each(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime, update_every=0.2):
        number = subscribed_report(telegram)
        set_status(bot_runtime, "+77021112233", "confirmed")
        set_status(bot_runtime, "olx-pay-kz.com", "blocked")
        telegram.wait_for(CHAT, 17, timeout=30)
        for value, upheld in (("+7 702 111 22 33", False), ("olx-pay-kz.com", True)):
            appeal = bot_runtime.reports.submit_appeal(
                submission=AppealSubmission(value=value, text="Бұл менің нөмірім, мен сатушымын")
            )
            decided = bot_runtime.reports.decide_appeal(
                actor=ANALYST, appeal_id=appeal, upheld=upheld, reason="documents checked"
            )
            assert decided.status is (AppealStatus.UPHELD if upheld else AppealStatus.REJECTED)
        said = telegram.wait_for(CHAT, 19, timeout=30)
        telegram.text(CHAT, "/start")  # time for a stray third message to arrive
        telegram.wait_for(CHAT, 20)
    news = [m for m in telegram.replies(CHAT) if m.startswith(f"{number} хабарламасы")]
    assert len(news) == 4, news
    assert any("+77021112233" in m and "Шағым қабылданбады" in m for m in said)
    assert any("olx-pay-kz.com" in m and "Шағым қанағаттандырылды" in m for m in said)
    assert not any("алаяқтыққа жатпайтыны" in m for m in news)  # not told twice


def test_forged_buttons_typed_answers_and_old_buttons_get_the_step_again(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        _choose(telegram, "ru")
        telegram.press(CHAT, "menu:report")
        telegram.wait_for(CHAT, 3)
        telegram.forge(CHAT, "cat:nonsense")
        assert telegram.wait_for(CHAT, 4)[-1] == "Какой это был обман?"
        telegram.text(CHAT, "мне звонили из банка")
        said = telegram.wait_for(CHAT, 6)
        assert said[-2] == "Пожалуйста, нажмите одну из кнопок под сообщением."
        assert said[-1] == "Какой это был обман?"
        telegram.press(CHAT, "cat:fake_bank_call")
        telegram.wait_for(CHAT, 8)
        telegram.text(CHAT, "Звонил «банк» с +7 701 555 12 34")
        telegram.wait_for(CHAT, 9)
        # The scammer's messages forwarded one after another all join the story.
        origin = {"type": "user", "date": 1764700000,
                  "sender_user": {"id": 9, "is_bot": False, "first_name": "Bank",
                                  "username": "halyk_sluzhba"}}  # fmt: skip
        telegram.text(CHAT, "Переведите на карту 4400 4301 2345 6789", forward_origin=origin)
        assert telegram.wait_for(CHAT, 10)[-1].startswith("Я добавил это к описанию")
        telegram.text(CHAT, "Или на Kaspi по номеру +7 705 999 88 77", forward_origin=origin)
        telegram.wait_for(CHAT, 11)
        telegram.press(CHAT, "ev:done")
        telegram.wait_for(CHAT, 12)
        telegram.press(CHAT, "loss:skip")
        telegram.wait_for(CHAT, 13)
        telegram.forge(CHAT, "reg:atlantis")
        assert telegram.wait_for(CHAT, 14)[-1] == "В каком вы регионе?"
        telegram.text(CHAT, "Алматы")
        assert telegram.wait_for(CHAT, 16)[-1] == "В каком вы регионе?"
        telegram.press(CHAT, "reg:almaty_city")
        telegram.wait_for(CHAT, 17)
        telegram.text(CHAT, "Пропустить")
        summary = telegram.wait_for(CHAT, 19)[-1]
        for value in ("+77015551234", "440043******6789", "+77059998877", "halyk_sluzhba"):
            assert value in summary
        telegram.text(CHAT, "да отправляйте")
        assert telegram.wait_for(CHAT, 21)[-1].startswith("Проверьте сообщение")
        telegram.press(CHAT, "ok:cancel")
        telegram.wait_for(CHAT, 22)
        telegram.forge(CHAT, "ok:send")  # the old summary's button, after the report ended
        said = telegram.wait_for(CHAT, 23)
    assert said[-1] == "Этот шаг уже пройден. Выберите в меню:"
    assert bot_runtime.reports.list_reports(actor=ANALYST, filters=ReportFilter()).total == 0


def test_a_big_album_is_counted_once_and_refused_once(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        start_report(telegram, "kk", "other")
        telegram.text(CHAT, "Сатушы 8 707 765 43 21 алдап кетті")
        telegram.wait_for(CHAT, 6)
        for n in range(8):
            photo = telegram.upload(png(3 + n, 3)) | {"width": 3 + n, "height": 3}
            telegram.send(CHAT, media_group_id="big-album", photo=[photo])
        telegram.wait_for(CHAT, 8)
        telegram.text(CHAT, "/cancel")
        said = telegram.wait_for(CHAT, 9)
    # Refused at once when the sixth arrives, counted once when the album has settled.
    assert said[6:8] == ["Файлдар жеткілікті: 5 файлдан аспайды.", "5 файлдың 5 файлы алынды."]


def test_in_a_group_the_bot_asks_for_a_private_chat(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    group = {"id": -100123, "type": "group", "title": "Подъезд 5"}
    with running_bot(bot_runtime):
        telegram.in_group(CHAT, group, "/report")
        telegram.in_group(CHAT, group, "соседи, кто-нибудь знает этот номер 87015551234?")
        telegram.text(CHAT, "/start")  # then privately, which works
        telegram.wait_for(CHAT, 1)
        said = telegram.wait_for(-100123, 1)
    assert said == ["Я работаю только в личном чате: напишите мне напрямую."]
