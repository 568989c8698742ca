// Outgoing channels behind one interface: WeCom and DingTalk group robots (webhooks) and email.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  title: string;
  body: string;
  link: string | null;
}

export interface ChannelTarget {
  kind: string;
  target: string;
  secret: string | null;
}

export interface ChannelSender {
  send(channel: ChannelTarget, msg: OutgoingMessage): Promise<void>;
}

function markdown(msg: OutgoingMessage): string {
  return `### ${msg.title}\n${msg.body}${msg.link ? `\n[查看 / Open](${msg.link})` : ''}`;
}

async function postRobot(url: string, payload: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  // Both robots answer 200 with {errcode, errmsg}; a non-zero errcode is a refusal.
  const answer = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
  if (answer.errcode !== undefined && answer.errcode !== 0) throw new Error(`robot error ${answer.errcode}: ${answer.errmsg ?? ''}`);
}

/** DingTalk's signed webhook: timestamp and HMAC-SHA256 of "timestamp\nsecret", base64, in the query. */
export function dingtalkSignedUrl(url: string, secret: string, now: number): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', sign);
  return u.toString();
}

export function createChannelSender(smtpUrl: string | undefined, from: string, now: () => number = Date.now): ChannelSender {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  return {
    async send(channel, msg) {
      switch (channel.kind) {
        case 'wecom':
          return postRobot(channel.target, { msgtype: 'markdown', markdown: { content: markdown(msg) } });
        case 'dingtalk': {
          const url = channel.secret ? dingtalkSignedUrl(channel.target, channel.secret, now()) : channel.target;
          return postRobot(url, { msgtype: 'markdown', markdown: { title: msg.title, text: markdown(msg) } });
        }
        case 'email':
          if (!transport) throw new Error('SMTP is not configured (SMTP_URL)');
          await transport.sendMail({
            from,
            to: channel.target,
            subject: msg.title,
            text: `${msg.body}${msg.link ? `\n\n${msg.link}` : ''}`,
            connectionTimeout: 10_000,
            socketTimeout: 10_000,
          } as never);
          return;
        default:
          throw new Error(`unknown channel kind ${channel.kind}`);
      }
    },
  };
}
