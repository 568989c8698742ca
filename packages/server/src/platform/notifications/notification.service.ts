// Notifications: the in-app inbox and outgoing channels with retries and back-off. Modules send reminders
// and alarms through notify(); the scheduler calls deliverDue().
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db, DbOrTx } from '../database.ts';
import type { ChannelSender, OutgoingMessage } from './channels.ts';
import { notificationRepository } from './notification.repository.ts';

export const MAX_ATTEMPTS = 6;

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
}

export interface NotifyInput extends OutgoingMessage {
  kind: string;
  userIds: string[];
  /** Also post to every enabled outgoing channel (group robots, mail). */
  broadcast?: boolean;
}

export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sender: ChannelSender,
    private readonly log: FastifyBaseLogger,
  ) {}

  async notify(tx: DbOrTx | null, input: NotifyInput): Promise<void> {
    const db = tx ?? this.db;
    const now = this.clock.now();
    await notificationRepository.insertInbox(
      db,
      [...new Set(input.userIds)].map((userId) => ({ userId, kind: input.kind, title: input.title, body: input.body, link: input.link, createdAt: now })),
    );
    if (input.broadcast) {
      const channels = await notificationRepository.findEnabledChannels(db);
      await notificationRepository.insertDeliveries(
        db,
        channels.map((c) => ({ channelId: c.id, title: input.title, body: input.body, link: input.link, createdAt: now, nextAttemptAt: now })),
      );
    }
  }

  /** Queues one message to one channel (the "send test" button). */
  async queue(channelId: string, msg: OutgoingMessage): Promise<void> {
    const now = this.clock.now();
    await notificationRepository.insertDeliveries(this.db, [{ channelId, ...msg, createdAt: now, nextAttemptAt: now }]);
  }

  /** Sends what is due; returns how many were sent. Safe with several instances (leases with skip locked). */
  async deliverDue(limit = 10): Promise<number> {
    const now = this.clock.now();
    // The lease outlasts the worst case of the batch (each send times out after 10 s), so no other instance
    // picks up a row while this one may still be sending it.
    const leaseMs = 60_000 + limit * 15_000;
    const leased = await this.db.transaction((tx) => notificationRepository.leaseDue(tx, now, limit, leaseMs));
    let sent = 0;
    for (const { delivery, channel } of leased) {
      const attempts = delivery.attempts + 1;
      try {
        await this.sender.send(channel, delivery);
        await notificationRepository.updateDelivery(this.db, delivery.id, {
          status: 'sent',
          attempts,
          sentAt: this.clock.now(),
          lastError: null,
          nextAttemptAt: null,
        });
        sent++;
      } catch (err) {
        const message = (err as Error).message.slice(0, 500);
        const failed = attempts >= MAX_ATTEMPTS;
        this.log.warn({ channel: channel.name, attempts, err: message }, 'notification delivery failed');
        await notificationRepository.updateDelivery(this.db, delivery.id, {
          status: failed ? 'failed' : 'pending',
          attempts,
          lastError: message,
          nextAttemptAt: failed ? null : new Date(this.clock.now().getTime() + backoffMs(attempts)),
        });
      }
    }
    return sent;
  }
}
