#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd, from Debian's python3-aiosmtpd), on loopback.

Offers STARTTLS with the given certificate and writes every message it accepts to
<outdir>/<n>.eml, with the envelope in <n>.json. Recipients in --refuse get a 550.
Writes its port to --port-file (whole, by rename) when listening.

  smtp_server.py --outdir DIR --cert PEM --key PEM --port-file FILE [--refuse addr ...]
"""
import argparse
import asyncio
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, outdir, refuse):
        self.outdir = outdir
        self.refuse = set(refuse)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return '550 5.1.1 mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        with open(base + '.eml.tmp', 'wb') as f:
            f.write(envelope.original_content)
        with open(base + '.json', 'w') as f:
            json.dump({'from': envelope.mail_from, 'to': envelope.rcpt_tos,
                       'tls': session.ssl is not None}, f)
        os.rename(base + '.eml.tmp', base + '.eml')
        return '250 Message accepted'


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--outdir', required=True)
    p.add_argument('--cert', required=True)
    p.add_argument('--key', required=True)
    p.add_argument('--port-file', required=True)
    p.add_argument('--refuse', nargs='*', default=[])
    a = p.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    with socket.socket() as probe:  # a free loopback port (the controller needs one up front)
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    controller = Controller(Store(a.outdir, a.refuse), hostname='127.0.0.1', port=port,
                            tls_context=context, require_starttls=False,
                            server_hostname='localhost')
    controller.start()
    with open(a.port_file + '.tmp', 'w') as f:
        f.write(str(port))
    os.rename(a.port_file + '.tmp', a.port_file)
    try:
        sys.stdin.read()  # until the test closes our stdin (or ends)
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
