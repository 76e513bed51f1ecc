import pytest
from hypothesis import given
from hypothesis import strategies as st
from schwifty import IBAN

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.indicators.kinds import IndicatorKind as K
from cyberpol.kernel.indicators.normalize import derived_indicators, parse_indicator
from cyberpol.kernel.indicators.normalize.card import luhn_valid
from cyberpol.kernel.indicators.normalize.iban import normalize_iban

SECRET = b"unit-test-secret"


def parse(raw: str, kind: K | None = None, *, with_attributes: bool = False) -> Indicator:
    return parse_indicator(raw, kind, card_secret=SECRET, with_attributes=with_attributes)


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("8 701 555 12 34", K.PHONE, "+77015551234"),
        ("4400 4301 2345 6789", K.CARD, "440043******6789"),
        ("KZ18 722S 0000 1234 5678", K.IBAN, "KZ18722S000012345678"),
        ("kz18722s000012345678", K.IBAN, "KZ18722S000012345678"),
        ("DE89 3704 0044 0532 0130 00", K.IBAN, "DE89370400440532013000"),
        (
            "hxxps://login-bcc.kz.secure-auth[.]ru/x?a=1#frag",
            K.URL,
            "https://login-bcc.kz.secure-auth.ru/x?a=1",
        ),
        ("HTTP://Kaspi-Bonus.KZ:80", K.URL, "http://kaspi-bonus.kz/"),
        ("https://user@kaspi-bonus.kz:8443/a", K.URL, "https://kaspi-bonus.kz:8443/a"),
        ("www.каспи-бонус.kz/get", K.URL, "http://www.xn----7sbe0aiwgergv.kz/get"),
        ("secure-halyk[.]com", K.DOMAIN, "secure-halyk.com"),
        ("login.secure-halyk.com.kz", K.DOMAIN, "secure-halyk.com.kz"),
        ("185.22.67[.]14", K.IP, "185.22.67.14"),
        ("Ivan.Petrov@Mail.RU", K.EMAIL, "ivan.petrov@mail.ru"),
        ("@Kaspi_Support_KZ", K.SOCIAL_HANDLE, "kaspi_support_kz"),
        ("https://t.me/Invest_Pro_KZ", K.SOCIAL_HANDLE, "invest_pro_kz"),
        ("wa.me/77011234567", K.PHONE, "+77011234567"),
        (
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            K.CRYPTO_WALLET,
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ),
        (
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
            K.CRYPTO_WALLET,
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        (
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            K.CRYPTO_WALLET,
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        ),
        (
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            K.CRYPTO_WALLET,
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        ),
        (
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            K.CRYPTO_WALLET,
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        ),
    ],
)
def test_values_are_recognised_and_normalised(typed: str, kind: K, value: str) -> None:
    indicator = parse(typed)
    assert (indicator.kind, indicator.value) == (kind, value)


@pytest.mark.parametrize(
    "typed",
    [
        "4400 4301 2345 6788",  # Luhn fails
        "KZ19 722S 0000 1234 5678",  # IBAN checksum fails
        "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",  # EIP-55 checksum fails
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  # base58check fails
        "hello world",
        "http://localhost/",
        "ftp:/broken",
        "",
    ],
)
def test_malformed_values_are_refused_with_a_message(typed: str) -> None:
    with pytest.raises(InvalidIndicator) as raised:
        parse(typed)
    assert raised.value.message


def test_card_is_never_kept_in_full() -> None:
    card = parse("4400 4301 2345 6789", with_attributes=True)
    assert "4400430123456789" not in repr(card)
    assert card.attributes == {"scheme": "visa", "bin": "440043"}
    assert parse("4400-4301-2345-6789").key == card.key  # equal cards match
    assert parse_indicator("4400430123456789", card_secret=b"other").key != card.key  # keyed


def test_url_yields_its_registrable_domain_or_ip() -> None:
    url = parse("https://login-bcc.kz.secure-auth.ru/x")
    assert [(d.kind, d.value) for d in derived_indicators(url)] == [(K.DOMAIN, "secure-auth.ru")]
    ip_url = parse("http://91.203.144.77:8080/kaspi")
    assert [(d.kind, d.value) for d in derived_indicators(ip_url)] == [(K.IP, "91.203.144.77")]
    # private suffixes are their own owners: a block on evil.github.io never hits github.io
    assert derived_indicators(parse("https://evil.github.io/"))[0].value == "evil.github.io"


def test_idn_keeps_unicode_form_as_attribute() -> None:
    domain = parse("каспи-бонус.kz", K.DOMAIN, with_attributes=True)
    assert domain.value == "xn----7sbe0aiwgergv.kz"
    assert domain.attributes["unicode"] == "каспи-бонус.kz"


def test_explicit_kind_overrides_guessing() -> None:
    assert parse("7015551234", K.PHONE).value == "+77015551234"
    with pytest.raises(InvalidIndicator):
        parse("8 701 555 12 34", K.CARD)


@given(bank=st.from_regex(r"\A[0-9]{3}\Z"), account=st.from_regex(r"\A[0-9A-Z]{13}\Z"))
def test_kazakh_iban_fast_path_agrees_with_schwifty(bank: str, account: str) -> None:
    generated = IBAN.generate("KZ", bank_code=bank, account_code=account)
    assert normalize_iban(str(generated)) == generated.compact
    broken = (
        generated.compact[:2]
        + f"{(int(generated.compact[2:4]) + 1) % 100:02d}"
        + generated.compact[4:]
    )
    with pytest.raises(InvalidIndicator):
        normalize_iban(broken)


@given(st.from_regex(r"\A[0-9]{16}\Z"))
def test_luhn_matches_the_textbook_definition(digits: str) -> None:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    assert luhn_valid(digits) == (total % 10 == 0)


@given(
    scheme=st.sampled_from(["http", "HTTPS", "ftp", "hxxps"]),
    host=st.from_regex(r"\A[a-zA-Z0-9-]{1,12}(\.[a-zA-Z0-9-]{1,12}){1,3}\Z"),
    port=st.one_of(st.none(), st.integers(0, 70000)),
    path=st.from_regex(r"\A(/[a-zA-Z0-9_.%~+-]{0,8}){0,3}\Z"),
    query=st.one_of(st.none(), st.from_regex(r"\A[a-z0-9=&%]{0,10}\Z")),
    fragment=st.one_of(st.none(), st.from_regex(r"\A[a-z0-9]{0,5}\Z")),
)
def test_fast_url_split_agrees_with_urlsplit(
    scheme: str, host: str, port: int | None, path: str, query: str | None, fragment: str | None
) -> None:
    from cyberpol.kernel.indicators.normalize.web import _split_url, _split_url_slowly, refang

    raw = f"{scheme}://{host}" + (f":{port}" if port is not None else "") + path
    raw += (f"?{query}" if query is not None else "") + (
        f"#{fragment}" if fragment is not None else ""
    )
    text = refang(raw)
    try:
        expected = _split_url_slowly(raw, text)
    except InvalidIndicator:
        expected = None
    try:
        ours = _split_url(raw)
    except InvalidIndicator:
        ours = None
    if expected is not None:
        expected = (expected[0], expected[1].lower(), *expected[2:])
    assert ours == expected


def _public_suffix_samples() -> list[str]:
    from cyberpol.kernel.indicators.normalize.web import _suffix_rules

    exact, wildcard, exceptions = _suffix_rules()
    rules = exact | {"x." + w for w in wildcard} | exceptions
    return sorted(r for r in rules if r.isascii())


@given(
    suffix=st.sampled_from(_public_suffix_samples()),
    labels=st.lists(
        st.sampled_from(["a", "www", "login", "kaspi-bonus", "xn--80ak6aa92e"]), max_size=3
    ),
)
def test_registrable_domain_agrees_with_tldextract(suffix: str, labels: list[str]) -> None:
    from cyberpol.kernel.indicators.normalize.web import _public_suffixes, registrable_domain

    host = ".".join([*labels, suffix])
    parts = _public_suffixes().extract_str(host)
    expected = f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None
    try:
        ours = registrable_domain(host)
    except InvalidIndicator:
        ours = None
    assert ours == expected


def test_iban_names_its_bank() -> None:
    kaspi = parse("KZ18 722S 0000 1234 5678", with_attributes=True).attributes
    assert kaspi == {
        "country": "KZ",
        "bank_code": "722",
        "bank": 'АО "KASPI BANK"',
        "bic": "CASPKZKA",
    }
    german = parse("DE89 3704 0044 0532 0130 00", with_attributes=True).attributes
    assert german["bic"] == "COBADEFFXXX"
