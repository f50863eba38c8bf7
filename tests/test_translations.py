"""Every string a person can see has a Dutch translation."""

import i18n


def test_every_marked_string_has_a_dutch_translation():
    gaps = i18n.missing()
    report = "\n".join(
        f"{where}: {len(ids)} missing, e.g. {ids[:3]}" for where, ids in gaps.items()
    )
    assert not gaps, "run `make translations` and translate:\n" + report


def test_dutch_pages_speak_dutch(client):
    page = client.get("/login", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Wachtwoord vergeten?" in page
