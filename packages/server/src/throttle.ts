// Log-in and sign-up throttling (design §6), counted in the database so every server
// process shares the counts. Blocks back off and expire; an account is never locked.
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import type { ServerConfig } from './config.js';
import type { Db } from './db.js';
import { tooMany } from './errors.js';

const HOUR = 3600;
const DAY = 86400;

export class Throttle {
  private readonly userIp: RateLimiterPostgres;
  private readonly ip: RateLimiterPostgres;
  private readonly user: RateLimiterPostgres;
  private readonly signup: RateLimiterPostgres;

  constructor(
    db: Db,
    private readonly config: ServerConfig,
  ) {
    // The limiter names its prepared statements; this adapter sends plain ones, which
    // PGlite and PgBouncer in transaction mode both accept.
    const storeClient = {
      query: ({ text, values }: { text: string; values?: unknown[] }) => db.query(text, values),
    };
    const limiter = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
      new RateLimiterPostgres({
        storeClient,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true, // by the migration
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
        blockDuration,
      });
    this.userIp = limiter('login-user-ip', config.loginFailures, HOUR, config.loginBlockSeconds);
    this.ip = limiter('login-ip', config.loginFailuresPerIpDay, DAY);
    this.user = limiter('login-user', config.loginFailuresPerUserDay, DAY, 60);
    this.signup = limiter('signup-ip', config.signupsPerIpHour, HOUR);
  }

  /** Throws 429 while any log-in limit for this username or IP is used up, even before the password is checked. */
  async checkLogin(username: string, ip: string): Promise<void> {
    const [a, b, c] = await Promise.all([
      this.userIp.get(`${username}|${ip}`),
      this.ip.get(ip),
      this.user.get(username),
    ]);
    const wait = Math.max(
      waitFor(a, this.config.loginFailures),
      waitFor(b, this.config.loginFailuresPerIpDay),
      waitFor(c, this.config.loginFailuresPerUserDay),
    );
    if (wait > 0) throw tooMany(wait / 1000);
  }

  /** Counts a wrong password; the failure that uses up a limit starts its block. */
  async loginFailed(username: string, ip: string): Promise<void> {
    const consume = async (limiter: RateLimiterPostgres, key: string, points: number) => {
      const res = await limiter.consume(key).catch((rejected: unknown) => rejected as RateLimiterRes);
      if (res instanceof Error) throw res;
      if (res.consumedPoints >= points && limiter.blockDuration > 0)
        await limiter.block(key, limiter.blockDuration);
    };
    await Promise.all([
      consume(this.userIp, `${username}|${ip}`, this.config.loginFailures),
      consume(this.ip, ip, this.config.loginFailuresPerIpDay),
      consume(this.user, username, this.config.loginFailuresPerUserDay),
    ]);
  }

  /** A right password ends the run of consecutive failures from that IP. */
  async loginSucceeded(username: string, ip: string): Promise<void> {
    await this.userIp.delete(`${username}|${ip}`);
  }

  async signupAttempt(ip: string): Promise<void> {
    await this.signup.consume(ip).catch((rejected: unknown) => {
      if (rejected instanceof Error) throw rejected;
      throw tooMany((rejected as RateLimiterRes).msBeforeNext / 1000);
    });
  }
}

/** Milliseconds left while `res` shows its limit used up, else 0. */
const waitFor = (res: RateLimiterRes | null, points: number): number =>
  res && res.consumedPoints >= points ? Math.max(res.msBeforeNext, 1) : 0;
