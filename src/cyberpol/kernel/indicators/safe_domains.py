"""Domains too shared to be fraud indicators in themselves.

A scam page on docs.google.com, a bit.ly link or an OLX ad is evidence against that one
link, never against the platform: these registrable domains are not derived from links
and not extracted as bare domains. The links themselves still are indicators.
"""

from __future__ import annotations

SHARED_DOMAINS = frozenset(
    {
        # Kazakh banks, government and marketplaces that scammers impersonate
        "kaspi.kz",
        "halykbank.kz",
        "homebank.kz",
        "jusan.kz",
        "forte.kz",
        "bcc.kz",
        "egov.kz",
        "gov.kz",
        "olx.kz",
        "krisha.kz",
        "kolesa.kz",
        "wildberries.ru",
        "wildberries.kz",
        "ozon.ru",
        "ozon.kz",
        "kazpost.kz",
        "post.kz",
        # platforms, hosting and messengers
        "google.com",
        "youtube.com",
        "facebook.com",
        "instagram.com",
        "whatsapp.com",
        "t.me",
        "telegram.org",
        "telegram.me",
        "wa.me",
        "vk.com",
        "ok.ru",
        "tiktok.com",
        "twitter.com",
        "x.com",
        "mail.ru",
        "gmail.com",
        "yandex.kz",
        "yandex.ru",
        "yandex.com",
        "apple.com",
        "microsoft.com",
        "github.com",
        "forms.gle",
        "sites.google.com",
        "tilda.ws",
        "taplink.cc",
        "linktr.ee",
        # link shorteners
        "bit.ly",
        "tinyurl.com",
        "cutt.ly",
        "clck.ru",
        "goo.gl",
        "t.co",
        "is.gd",
        "rb.gy",
        "shorturl.at",
    }
)


def is_shared_domain(domain: str) -> bool:
    return domain in SHARED_DOMAINS
