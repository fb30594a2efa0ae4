"""Static files compressed once per file and encoding (live/web/assets.py): what each phone is sent,
and that the second phone costs no compression."""
import gzip

import brotli
import pytest

from live import ROOT
from live.web import assets

SCRIPT = "/static/js/attendee.js"


@pytest.fixture
def compressions(monkeypatch):
    """How many times each encoding compressed something."""
    counted = {name: 0 for name in assets.ENCODINGS}

    def counting(name, compress):
        def compressed(data):
            counted[name] += 1
            return compress(data)
        return compressed
    for name, compress in list(assets.ENCODINGS.items()):
        monkeypatch.setitem(assets.ENCODINGS, name, counting(name, compress))
    return counted


def original(path):
    return (ROOT / path.lstrip("/")).read_bytes()


@pytest.mark.parametrize("accepted, encoding, decode", [("gzip, deflate, br", "br", brotli.decompress),
                                                        ("gzip", "gzip", gzip.decompress)])
def test_each_phone_gets_the_file_compressed_once(app_factory, compressions, accepted, encoding, decode):
    client = app_factory().test_client()
    sent = [client.get(SCRIPT, headers={"Accept-Encoding": accepted}) for _ in range(3)]
    for response in sent:
        assert response.status_code == 200 and response.headers["Content-Encoding"] == encoding
        assert decode(response.data) == original(SCRIPT)
        assert "Accept-Encoding" in response.headers["Vary"] and "max-age" in response.headers["Cache-Control"]
        assert int(response.headers["Content-Length"]) == len(response.data)
    assert compressions[encoding] == 1


def test_a_phone_that_has_it_gets_304(client):
    first = client.get(SCRIPT, headers={"Accept-Encoding": "br"})
    assert first.headers["ETag"].endswith(':br"')
    again = client.get(SCRIPT, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


@pytest.mark.parametrize("path, accepted", [(SCRIPT, ""), ("/static/fonts/tinos-regular.woff", "br")])
def test_no_encoding_asked_or_a_font_already_compressed_goes_as_it_is(client, path, accepted):
    response = client.get(path, headers={"Accept-Encoding": accepted})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.data == original(path)


def test_a_missing_file_is_still_404(client):
    assert client.get("/static/js/nothing-here.js", headers={"Accept-Encoding": "br"}).status_code == 404
