"""The real bot ``Application``, polling a fake Bot API server, talked to as citizens do:
in Kazakh and Russian, with albums, forwards, bad input, a restart and replayed updates."""

from __future__ import annotations

from contextlib import AbstractContextManager

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.bot import build_bot
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.categories import Channel
from cyberpol.registry.domain import Blocker, IndicatorStatus, StatusChange
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.reports.ports import ReportFilter
from tests.bot.fake_telegram import FakeTelegram, polling
from tests.web.test_pages import png

ANALYST = Actor("aigerim", Role.ANALYST)
CHAT = 424242


def running_bot(runtime: Runtime, update_every: float = 5.0) -> AbstractContextManager[None]:
    """The bot over ``runtime`` polling the fake server until the block ends."""
    return polling(build_bot(runtime, update_every=update_every))


def _choose(telegram: FakeTelegram, language: str) -> None:
    telegram.text(CHAT, "/start")
    telegram.wait_for(CHAT, 1)
    telegram.press(CHAT, f"lang:{language}")
    telegram.wait_for(CHAT, 2)


def start_report(telegram: FakeTelegram, language: str, category: str) -> None:
    """Language, the report button and a category: the bot now asks what happened."""
    _choose(telegram, language)
    telegram.press(CHAT, "menu:report")
    telegram.wait_for(CHAT, 3)
    telegram.press(CHAT, f"cat:{category}")
    telegram.wait_for(CHAT, 5)


def test_russian_report_with_a_forward_an_album_and_a_contact(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        _choose(telegram, "ru")
        assert "CyberPol помогает" in telegram.replies(CHAT)[-1]
        telegram.press(CHAT, "menu:report")
        assert "Какой это был обман?" in telegram.wait_for(CHAT, 3)[-1]
        telegram.press(CHAT, "cat:fake_bank_call")
        assert "Что произошло?" in telegram.wait_for(CHAT, 5)[-1]
        telegram.text(
            CHAT,
            "Служба безопасности банка: переведите деньги на безопасный счёт "
            "KZ86125KZT5004100100, карта 4400 4301 2345 6789, звоните 8 701 555 12 34",
            forward_origin={
                "type": "user",
                "date": 1764700000,
                "sender_user": {"id": 5550001, "is_bot": False, "first_name": "Bank",
                                "username": "kaspi_support_kz"},
            },
        )  # fmt: skip
        assert "Пришлите фото" in telegram.wait_for(CHAT, 6)[-1]
        for n in range(2):  # an album: two updates, one media_group_id
            photo = telegram.upload(png(3 + n, 3))
            telegram.send(CHAT, media_group_id="album-1", photo=[photo | {"width": 3, "height": 3}])
        # The album is counted once, when all of it has come.
        assert telegram.wait_for(CHAT, 7)[-1] == "Получено файлов: 2 из 5 возможных."
        telegram.press(CHAT, "ev:done")
        assert "Сколько денег" in telegram.wait_for(CHAT, 8)[-1]
        telegram.text(CHAT, "150 000")
        assert "В каком вы регионе?" in telegram.wait_for(CHAT, 9)[-1]
        telegram.press(CHAT, "reg:pavlodar")
        telegram.wait_for(CHAT, 10)
        telegram.send(
            CHAT, contact={"phone_number": "+77770001122", "first_name": "Гүлнар", "user_id": CHAT}
        )
        summary = telegram.wait_for(CHAT, 12)[-1]
        assert "kaspi_support_kz" in summary
        assert "+77015551234" in summary
        assert "4400 4301 2345 6789" not in summary
        assert "440043******6789" in summary
        telegram.press(CHAT, "ok:send")
        thanks = telegram.wait_for(CHAT, 15)[-2]
        telegram.press(CHAT, "upd:yes")
        assert "Мы напишем сюда" in telegram.wait_for(CHAT, 16)[-1]
    number = thanks.split("номер сообщения ")[1].rstrip(".")
    report = bot_runtime.reports.get(actor=ANALYST, report_id=number)
    assert report.channel is Channel.TELEGRAM
    assert report.language == "ru"
    assert len(report.attachments) == 2
    assert report.contact == "+77770001122"
    kinds = {(i.kind.value, i.value) for i in report.indicators}
    assert ("social_handle", "kaspi_support_kz") in kinds
    assert ("phone", "+77015551234") in kinds
    assert "4400 4301 2345 6789" not in report.text


def _report_in_kazakh(telegram: FakeTelegram, text: str) -> list[str]:
    start_report(telegram, "kk", "marketplace_ad")
    telegram.text(CHAT, text)
    telegram.wait_for(CHAT, 6)
    telegram.press(CHAT, "ev:done")
    telegram.wait_for(CHAT, 7)
    telegram.press(CHAT, "loss:skip")
    telegram.wait_for(CHAT, 8)
    telegram.press(CHAT, "reg:skip")
    telegram.wait_for(CHAT, 9)
    telegram.text(CHAT, "Өткізіп жіберу")  # the reply keyboard's Skip, typed back
    return telegram.wait_for(CHAT, 11)


def subscribed_report(telegram: FakeTelegram) -> str:
    """A Kazakh report of a phone and a site, sent, with updates asked for; its number."""
    _report_in_kazakh(telegram, "Сатушы 8 702 111 22 33 нөмірінен, сайт olx-pay-kz.com")
    telegram.press(CHAT, "ok:send")
    number = telegram.wait_for(CHAT, 14)[-2].split("нөмірі ")[1].rstrip(".")
    telegram.press(CHAT, "upd:yes")
    telegram.wait_for(CHAT, 15)
    return number


def set_status(runtime: Runtime, value: str, status: str) -> None:
    """An analyst's verdict on a listed value, through the registry's use case."""
    ids = {
        i.value: i.id
        for i in runtime.registry.list_indicators(
            actor=ANALYST, filters=IndicatorFilter(limit=50)
        ).items
    }
    change = StatusChange(IndicatorStatus(status), "checked by the unit",
                          Blocker.OPERATOR if status == "blocked" else None)  # fmt: skip
    runtime.registry.change_status(actor=ANALYST, indicator_id=ids[value], change=change)


def test_kazakh_report_with_every_step_skipped_then_my_reports(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        said = _report_in_kazakh(telegram, "OLX-та сатушы olx-dostavka.kz/pay сілтемесін жіберді")
        assert "Жібермес бұрын хабарламаңызды тексеріңіз" in said[-1]
        assert "olx-dostavka.kz" in said[-1]
        telegram.press(CHAT, "ok:send")
        thanks = telegram.wait_for(CHAT, 14)[-2]
        assert thanks.startswith("Рахмет. Хабарламаңыздың нөмірі R")
        telegram.text(CHAT, "/start")
        telegram.wait_for(CHAT, 15)
        telegram.press(CHAT, "lang:kk")
        telegram.wait_for(CHAT, 16)
        telegram.press(CHAT, "menu:mine")
        mine = telegram.wait_for(CHAT, 17)[-1]
    number = thanks.split("нөмірі ")[1].rstrip(".")
    assert mine.startswith("Сіздің хабарламаларыңыз:")
    assert number in mine
    assert "Алаяқтық туралы шағымдар бар" in mine
    report = bot_runtime.reports.get(actor=ANALYST, report_id=number)
    assert report.contact is None
    assert report.region is None


def test_a_message_with_values_gets_a_verdict_for_each(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        _choose(telegram, "ru")
        telegram.text(CHAT, "Мне пишут с +7 701 555 12 34 и @kaspi_support_kz, это мошенники?")
        answer = telegram.wait_for(CHAT, 3)[-1]
        telegram.text(CHAT, "добрый день")
        nothing = telegram.wait_for(CHAT, 4)[-1]
    assert "Номер телефона: +77015551234\nНет в реестре" in answer
    assert "kaspi_support_kz" in answer
    assert nothing.startswith("В вашем сообщении нет номера")


def test_bad_input_gets_a_polite_answer_and_stores_nothing_half(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        start_report(telegram, "ru", "other")
        sticker = {"file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
        telegram.send(CHAT, sticker=sticker)
        assert telegram.wait_for(CHAT, 6)[-1] == "Опишите, пожалуйста, словами, что произошло."
        telegram.text(CHAT, "а" * 20_001)
        assert "слишком длинное" in telegram.wait_for(CHAT, 7)[-1]
        telegram.text(CHAT, "Звонили с 8 701 555 12 34")
        telegram.wait_for(CHAT, 8)
        big = {"file_id": "big", "file_unique_id": "big", "file_size": 30 * 1024 * 1024,
               "file_name": "video.mp4", "mime_type": "video/mp4"}  # fmt: skip
        telegram.send(CHAT, document=big)
        assert "больше 20 МБ" in telegram.wait_for(CHAT, 9)[-1]
        telegram.send(CHAT, sticker=sticker)
        assert "Здесь я принимаю фото" in telegram.wait_for(CHAT, 10)[-1]
        telegram.text(CHAT, "/cancel")
        assert "не отправлено" in telegram.wait_for(CHAT, 11)[-1]
    assert bot_runtime.reports.list_reports(actor=ANALYST, filters=ReportFilter()).total == 0


def test_a_restart_in_the_middle_keeps_the_conversation(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        start_report(telegram, "kk", "investment_scam")
    # The process stops and starts again; the citizen goes on where they were.
    with running_bot(bot_runtime):
        telegram.text(CHAT, "Инвестиция сайты invest-kz-profit.com 30% табыс уәде етті")
        assert "Фото, скриншоттар" in telegram.wait_for(CHAT, 6)[-1]


def test_replayed_updates_never_make_a_second_report(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        _report_in_kazakh(telegram, "Сатушы 8 702 111 22 33 нөмірінен алдын ала төлем сұрады")
        send = telegram.press(CHAT, "ok:send")
        telegram.wait_for(CHAT, 14)
        telegram.replay(send)  # Telegram delivers the same update again
        telegram.press(CHAT, "ok:send")  # and the citizen presses Send once more
        assert telegram.wait_for(CHAT, 15)[-1] == "Бұл қадам аяқталды. Мәзірден таңдаңыз:"
        telegram.text(CHAT, "/start")
        assert telegram.wait_for(CHAT, 16)[-1].startswith("Тілді таңдаңыз")
    assert bot_runtime.reports.list_reports(actor=ANALYST, filters=ReportFilter()).total == 1


def test_a_chat_that_floods_is_asked_to_wait(telegram: FakeTelegram, bot_runtime: Runtime) -> None:
    with running_bot(bot_runtime):
        for n in range(35):
            telegram.text(CHAT, f"проверь 8 701 555 12 {n:02d}")
        said = telegram.wait_for(CHAT, 35)
    assert "Вы отправляете сообщения слишком часто. Подождите минуту." in said


def test_status_updates_reach_the_reporter_once_though_telegram_fails_half_the_sends(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime, update_every=0.2):
        number = subscribed_report(telegram)
        telegram.failing = True
        report = bot_runtime.reports.get(actor=ANALYST, report_id=number)
        assert {"+77021112233", "olx-pay-kz.com"} <= {i.value for i in report.indicators}
        set_status(bot_runtime, "+77021112233", "confirmed")
        set_status(bot_runtime, "olx-pay-kz.com", "blocked")
        said = telegram.wait_for(CHAT, 17, timeout=60)
    news = [m for m in said if m.startswith(f"{number} хабарламасы")]
    assert len(news) == 2, news
    assert any("+77021112233" in m and "растады" in m for m in news)
    assert any("olx-pay-kz.com" in m and "бұғатталды" in m for m in news)


def test_a_file_that_is_no_evidence_is_left_out_and_the_citizen_told(
    bot_runtime: Runtime, telegram: FakeTelegram
) -> None:
    with running_bot(bot_runtime):
        start_report(telegram, "kk", "other")
        telegram.text(CHAT, "Бейтаныс адам 8 707 765 43 21 нөмірінен файл жіберді")
        telegram.wait_for(CHAT, 6)
        program = telegram.upload(b"MZ\x90\x00" + b"\x00" * 200)
        telegram.send(CHAT, document=program | {"file_name": "photo.jpg"})
        telegram.wait_for(CHAT, 7)
        telegram.press(CHAT, "ev:done")
        telegram.wait_for(CHAT, 8)
        telegram.press(CHAT, "loss:skip")
        telegram.wait_for(CHAT, 9)
        telegram.press(CHAT, "reg:skip")
        telegram.wait_for(CHAT, 10)
        telegram.text(CHAT, "Өткізіп жіберу")
        telegram.wait_for(CHAT, 12)
        telegram.press(CHAT, "ok:send")
        said = telegram.wait_for(CHAT, 16)
    thanks = next(m for m in said if m.startswith("Рахмет. Хабарламаңыздың нөмірі"))
    assert "1 файл тіркелмеді: олар фото, PDF не дауыстық хабар емес." in said
    report = bot_runtime.reports.get(
        actor=ANALYST, report_id=thanks.split("нөмірі ")[1].rstrip(".")
    )
    assert report.attachments == ()
