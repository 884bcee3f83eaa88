"""Drives Larder with pymemcache (Debian's python3-pymemcache), as a Python user would.

Usage: python3 pymemcache_client.py PORT. Prints "ok" and exits 0 when every check holds.
"""
import sys

from pymemcache.client.base import Client


def main(port):
    client = Client(("127.0.0.1", port), connect_timeout=5, timeout=5)
    assert client.version().startswith(b"1.6.21-larder-"), client.version()

    assert client.set("py:a", b"alpha", expire=0, noreply=False)
    assert client.get("py:a") == b"alpha"
    assert client.get("py:missing") is None
    assert client.get_many(["py:a", "py:missing"]) == {"py:a": b"alpha"}

    value, cas = client.gets("py:a")
    assert value == b"alpha"
    assert client.cas("py:a", b"beta", cas, noreply=False) is True
    assert client.cas("py:a", b"gamma", cas, noreply=False) is False
    assert client.get("py:a") == b"beta"

    assert client.add("py:a", b"x", noreply=False) is False
    assert client.replace("py:a", b"ab", noreply=False) is True
    assert client.append("py:a", b"c", noreply=False) is True
    assert client.prepend("py:a", b">", noreply=False) is True
    assert client.get("py:a") == b">abc"

    client.set("py:n", b"10", noreply=False)
    assert client.incr("py:n", 5) == 15
    assert client.decr("py:n", 20) == 0
    assert client.incr("py:none", 1) is None

    assert client.touch("py:a", 100, noreply=False) is True
    assert client.delete("py:a", noreply=False) is True
    assert client.delete("py:a", noreply=False) is False

    stats = client.stats()
    assert stats[b"cmd_get"] > 0, stats
    assert b"curr_items" in stats

    assert client.flush_all(noreply=False) is True
    assert client.get("py:n") is None
    client.close()
    print("ok")


if __name__ == "__main__":
    main(int(sys.argv[1]))
