"""Which client address a request has: the connection's, or the one a trusted proxy forwards.

The public survey limits answers per address, and sign-in delays count failures per address;
both are only as good as that address. With SANDING_PROXIES=N, X-Forwarded-For/-Proto are
believed (werkzeug's ProxyFix, N hops) only on connections from SANDING_PROXY_ADDRESSES (nginx
on the same host by default); from anywhere else they are ignored, as a client that reaches the
server directly could claim any address. Each way the setting can be wrong is logged once:
forwarded headers arriving while SANDING_PROXIES is 0 (every client behind the proxy then
shares its address), and requests arriving straight from clients while it is set.
"""
from __future__ import annotations

import ipaddress
import logging
import threading

from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)

UNTRUSTED_FORWARD = ("收到来自 %s 的 X-Forwarded-For 请求头，但该地址不在 SANDING_PROXY_ADDRESSES（%s）中，"
                     "已忽略该请求头。若这是本服务前面的反向代理，请把它的地址加入 SANDING_PROXY_ADDRESSES；"
                     "若不是，说明有客户端绕过代理直接访问本服务，请只让代理能连到本服务的端口。")
FORWARD_WITHOUT_SETTING = ("收到 X-Forwarded-For 请求头，但未设置 SANDING_PROXIES：本服务前面若有反向代理"
                           "（如 nginx），所有用户的地址都会被当作代理的地址 %s，公开问卷的按地址限流和登录保护"
                           "会把他们算作一人。请设置 SANDING_PROXIES=1（并按需设置 SANDING_PROXY_ADDRESSES）。")
DIRECT_WITH_SETTING = ("已设置 SANDING_PROXIES，但收到一个不经代理、直接来自 %s 的请求：请只让反向代理能连到"
                       "本服务的端口（例如只监听 127.0.0.1）。")


class TrustedProxies:
    """WSGI middleware: ProxyFix for connections from the proxies, nothing for the rest."""

    def __init__(self, app, hops: int, addresses: str):
        self.app = app
        self.hops = hops
        self.networks = [ipaddress.ip_network(part.strip(), strict=False) for part in addresses.split(",")]
        self.addresses = addresses
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops) if hops else None
        self._warned: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        peer = environ.get("REMOTE_ADDR", "")
        forwarded = "HTTP_X_FORWARDED_FOR" in environ
        if self.fixed is not None and self._is_proxy(peer):
            return self.fixed(environ, start_response)
        if self.fixed is not None:
            if forwarded:
                self._warn_once("untrusted", UNTRUSTED_FORWARD, peer, self.addresses)
            else:
                self._warn_once("direct", DIRECT_WITH_SETTING, peer)
        elif forwarded:
            self._warn_once("unset", FORWARD_WITHOUT_SETTING, peer)
        return self.app(environ, start_response)

    def _is_proxy(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def _warn_once(self, kind: str, message: str, *args) -> None:
        with self._lock:
            if kind in self._warned:
                return
            self._warned.add(kind)
        log.warning(message, *args)
