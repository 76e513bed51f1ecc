"""Which of Kazakh, Russian and English a short text is written in, offline.

Lingua (built once, for these three languages only) reads texts in their own script. What
it cannot read is how people in Kazakhstan type: Kazakh with the Russian letters the phone
has (салем for сәлем), and Kazakh or Russian in informal Latin (sizdin kartanyz). So the
Kazakh letters settle a text at once, and common words of each language (compared by their
skeleton, see ``text_tokens``) settle Kazakh typed in Russian letters and any language typed
in Latin; lingua decides what the words leave open.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cyberpol.monitoring.detectors.text_tokens import Token, word_key

if TYPE_CHECKING:
    from lingua import LanguageDetector

_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")

# Words common in one language and not in the others, as their skeletons, so they are
# found however they were typed. Short words both languages share (да, не, та) are out.
_KAZAKH = frozenset(
    word_key(w)
    for w in """
    сіз сізге сізді сіздің сізбен сіздер біз біздің бізге мен менің маған мені сен сенің
    саған оның оған және жоқ үшін деп емес бұл осы сол қазір тез керек мүмкін болады болды
    болса берді берілді алу алып алды беру жіберу жіберді жіберіңіз аудару аударыңыз аударым
    ақша ақшаны ақшаңыз төлем төлеу төледім сәлем сәлеметсіз сәлеметсізбе рахмет құрметті
    қымбатты хабарлама хабарласыңыз хабарласты қоңырау шалды шалып шалыңыз нөмір нөмірі
    нөміріне кодты кодын айтыңыз айтты айтып шотқа шотыңыз шотыңызға картаңыз картаңызға
    банктен банкінің несие несиені кредитті алаяқ алаяқтар атыңызға атыма ұтыс ұттыңыз жүлде
    сыйлық сыйлықты сілтеме сілтемеге өтіңіз басыңыз толтырыңыз тауар сатамын сатылады жалға
    беремін пәтер бағасы жеткізу достар табыс пайда күніне айына аптасына бүгін ертең кеше
    келді келеді жазыңыз жазды балам қызым ұлым бауырым жаным неге қалай қайда нені ғой ғана
    иә жақсы көп жұмыс уақыт соң дейін кейін бойынша арқылы туралы сияқты қызметі
    қауіпсіздік бұғатталды тоқтатылды ресімделді өтінім тіркелді мекенжай бөлімше алыңыз
    күтіңіз шұғыл
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
_RUSSIAN = frozenset(
    word_key(w)
    for w in """
    и в что это вы вас ваш ваша вашу вам вами я мне меня мы нас он она они для от из как так
    но же ли бы если когда уже еще только очень нужно надо можно будет был была было были
    есть нет все всё сейчас сегодня завтра вчера здравствуйте здравствуй привет спасибо
    пожалуйста деньги денег перевод перевести переведите позвоните звоните сообщите никому
    срочно ваше вашей вашего который которые получить получите получили выиграли поздравляем
    заблокирована заблокирован счет счёт счета кредит займ сотрудник служба безопасности
    банка продаю продам сдаю квартиру мама мам папа сын дочь брат сестра где почему зачем
    тебе тебя твой твоя ты мой моя мою меня свой своих наш наша
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
_ENGLISH = frozenset(
    """
    the an of and you your yours is are was were for in with this that it its we our
    have has had will would be been can could please get got call now not yes my me
    from at by if or just do don't dont what when how but all here there click link
    account money win won prize dear hi hello thanks thank ok u ur pls msg txt send
    sent new free reply today tomorrow love they them their he she his her who which
    been about would there been one out up any only also than then over into
    """.split()  # noqa: SIM905 - a word list reads best as prose
)


class LanguageGuesser:
    """kk, ru or en for each text; lingua's detector is built on first use, once."""

    def __init__(self) -> None:
        self._detector: LanguageDetector | None = None
        self._lock = threading.Lock()

    def _lingua(self) -> LanguageDetector:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from lingua import Language, LanguageDetectorBuilder

                    self._detector = LanguageDetectorBuilder.from_languages(
                        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH
                    ).build()
        return self._detector

    def guess(self, text: str, tokens: Sequence[Token]) -> str:
        """The language of ``text`` (``tokens``: its words, from ``tokenize``)."""
        kazakh_letters = len(_KAZAKH_LETTERS.findall(text))
        words = [t for t in tokens if not t.is_mark]
        kk = sum(t.key in _KAZAKH for t in words)
        if kazakh_letters >= 2 or (kazakh_letters and kk):
            return "kk"
        cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
        if cyrillic >= latin and cyrillic:
            ru = sum(t.key in _RUSSIAN for t in words)
            if kk != ru and max(kk, ru) >= 2:
                return "kk" if kk > ru else "ru"
            return self._lingua_of(text, fallback="kk" if kazakh_letters else "ru")
        # Latin: English unless its words are Kazakh's or Russian's, typed in Latin.
        en = sum(t.surface.lower() in _ENGLISH for t in words)
        long_words = [t for t in words if len(t.key) > 1]
        kk = sum(t.key in _KAZAKH for t in long_words)
        ru = sum(t.key in _RUSSIAN for t in long_words)
        if max(kk, ru) > en:
            return "kk" if kk >= ru else "ru"
        return "en"

    def _lingua_of(self, text: str, *, fallback: str) -> str:
        found = self._lingua().detect_language_of(text)
        if found is None:
            return fallback
        code = found.iso_code_639_1.name.lower()
        return code if code in ("kk", "ru") else fallback
