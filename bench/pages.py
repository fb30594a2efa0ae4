"""What a phone and the projector download at first load: the page and every file it links
(stylesheets, scripts, images, icon), as sent with the compression a browser accepts."""
import http.client
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

ACCEPT = {"Accept-Encoding": "gzip, deflate, br", "Accept": "*/*", "User-Agent": "live-bench"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {"stylesheet", "icon",
                                                                                              "preload", "manifest"}:
            self.found.append(attrs["href"])
        elif tag == "img" and attrs.get("src") and not attrs["src"].startswith("data:"):
            self.found.append(attrs["src"])


def fetch(url):
    """(bytes on the wire: status line + headers + body as sent, decoded text or None)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=ACCEPT)
        response = connection.getresponse()
        body = response.read()
        head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + len(str(response.msg)) + 2
        text = None
        if response.getheader("Content-Type", "").startswith("text/html"):
            text = _decode(body, response.getheader("Content-Encoding"))
        return response.status, head + len(body), text
    finally:
        connection.close()


def _decode(body, encoding):
    if encoding == "br":
        import brotli
        body = brotli.decompress(body)
    elif encoding == "gzip":
        import gzip
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


def weigh_page(base, path):
    status, size, html = fetch(base + path)
    files = {path: size}
    parser = Links()
    parser.feed(html or "")
    for link in dict.fromkeys(parser.found):
        url = urljoin(base + path, link)
        if urlsplit(url).netloc != urlsplit(base).netloc:
            continue
        files[urlsplit(url).path] = fetch(url)[1]
    return {"status": status, "kb": round(sum(files.values()) / 1024, 1), "files": files}


def weigh(base):
    return {"attendee": weigh_page(base, "/e/demo"), "screen": weigh_page(base, "/e/demo/screen")}
