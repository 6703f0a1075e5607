// The local runtime as a neighbour on the network or a web page in the browser would meet it, and the daily
// cap on escalation SMS. Runs its own runtime (data on disk in a temporary folder, a cap of 2 SMS per centre
// and day), so nothing here touches the shared one.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../infra/local/outbox.ts';
import { type LocalRuntime, startLocal } from '../../infra/local/runtime.ts';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../infra/local/tokens.ts';
import * as keys from '../../shared/core/keys.ts';
import { newCase } from './client.ts';

const CAP = 2;
let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'osc-hardening-'));
  runtime = await startLocal({ dataDir, waitSeconds: 1, env: { ESCALATION_SMS_DAILY_CAP: String(CAP) } });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A raw HTTP request, Host header included (fetch does not let a caller choose it). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: any }> {
  const url = new URL(runtime.url);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}

const own = () => new URL(runtime.url).host;
const tokenRequest = (headers: Record<string, string>, body = JSON.stringify({ username: 'state.wcdc' })) =>
  raw('POST', '/_local/token', { host: own(), 'content-type': 'application/json', ...headers }, body);

async function api(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenFor(username: string): Promise<string> {
  const res = await tokenRequest({}, JSON.stringify({ username }));
  expect(res.status).toBe(200);
  return res.body.token as string;
}

/** Listening sockets on a port, from the kernel's tables: [local address (hex), table]. */
function listeners(port: number): Array<[string, string]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length > 3 && f[3] === '0A' && f[1].endsWith(`:${hexPort}`))
      .map((f): [string, string] => [f[1].split(':')[0], table]),
  );
}
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

describe('local runtime exposure', () => {
  it.runIf(existsSync('/proc/net/tcp'))('DynamoDB Local and the server listen on 127.0.0.1 only', () => {
    for (const port of [Number(new URL(runtime.dynamoEndpoint).port), runtime.port]) {
      const found = listeners(port);
      expect(found.length, `port ${port}`).toBeGreaterThan(0);
      for (const [address, table] of found) expect(LOOPBACK.has(address), `${table} ${address}:${port}`).toBe(true);
    }
  });

  it('keeps the data folder 0700 and every file in it 0600 (DynamoDB Local files, token secret, lock)', async () => {
    // Prepare: something written, so DynamoDB Local has its files on disk.
    const created = await api(await tokenFor('staff.patna1'), 'POST', '/cases', newCase());
    expect(created.status).toBe(201);
    // Assess
    // DynamoDB Local's SQLite journal comes and goes with each write: a file gone since the listing is none.
    const statOf = (p: string) => {
      try {
        return statSync(p);
      } catch {
        return undefined;
      }
    };
    const files: Array<[string, number]> = [];
    const walk = (dir: string) => {
      expect((statOf(dir)?.mode ?? 0) & 0o777, dir).toBe(0o700);
      for (const entry of readdirSync(dir)) {
        const p = join(dir, entry);
        const st = statOf(p);
        if (!st) continue;
        if (st.isDirectory()) walk(p);
        else files.push([p, st.mode & 0o777]);
      }
    };
    walk(dataDir);
    expect(files.map(([f]) => f.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining(['token-secret', 'runtime.lock', expect.stringMatching(/^dynamodb\/.+\.db$/)]),
    );
    for (const [f, m] of files) expect(m, f).toBe(0o600);
  });

  it('refuses a token to a Host that is not the listen address (DNS rebinding), and other local routes', async () => {
    const port = new URL(runtime.url).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, 'evil.example']) {
      const res = await tokenRequest({ host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toHaveProperty('token');
    }
    expect((await raw('GET', '/_local/sms', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw('GET', '/_local/users', { host: `evil.example:${port}` })).status).toBe(403);
    // The listen address itself, and localhost on the same port, are answered.
    expect((await tokenRequest({})).status).toBe(200);
    expect((await tokenRequest({ host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a token request whose body is not application/json (a cross-site form can send those)', async () => {
    const body = JSON.stringify({ username: 'state.wcdc' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await tokenRequest({ 'content-type': type }, body);
      expect(res.status, type).toBe(415);
      expect(res.body).not.toHaveProperty('token');
    }
    expect((await tokenRequest({ 'content-type': 'application/json; charset=utf-8' }, body)).status).toBe(200);
  });

  it('answers 401 to a local token without an expiry, or for another audience or issuer', async () => {
    // Prepare: tokens signed with the runtime's own secret (from its data folder), wrong only in one claim.
    const secret = Buffer.from(readFileSync(join(dataDir, 'token-secret'), 'utf8'), 'base64');
    const claims = { 'cognito:username': 'state.wcdc', 'cognito:groups': 'state-admin' };
    const sign = (edit: (j: SignJWT) => SignJWT) =>
      edit(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('local-state.wcdc').setIssuedAt()).sign(
        secret,
      );
    const good = await sign((j) =>
      j.setIssuer(LOCAL_TOKEN_ISSUER).setAudience(LOCAL_TOKEN_AUDIENCE).setExpirationTime('1h'),
    );
    const bad = {
      'no exp': await sign((j) => j.setIssuer(LOCAL_TOKEN_ISSUER).setAudience(LOCAL_TOKEN_AUDIENCE)),
      'no aud': await sign((j) => j.setIssuer(LOCAL_TOKEN_ISSUER).setExpirationTime('1h')),
      'foreign aud': await sign((j) =>
        j.setIssuer(LOCAL_TOKEN_ISSUER).setAudience('another-app').setExpirationTime('1h'),
      ),
      'foreign iss': await sign((j) =>
        j.setIssuer('someone-else').setAudience(LOCAL_TOKEN_AUDIENCE).setExpirationTime('1h'),
      ),
    };
    // Act + Assess
    expect((await api(good, 'GET', '/cases')).status).toBe(200);
    for (const [what, token] of Object.entries(bad)) expect((await api(token, 'GET', '/cases')).status, what).toBe(401);
  });
});

describe('daily cap on escalation SMS per centre', () => {
  it(`sends at most ${CAP} escalation SMS a day for one centre, and still records every escalation`, async () => {
    // Prepare: high-risk cases at one centre, each of which escalates through three levels.
    const token = await tokenFor('staff.gaya1');
    const cases: Array<{ caseId: string; caseNumber: string }> = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(token, 'POST', '/cases', newCase({ riskLevel: 'HIGH' }));
      expect(res.status).toBe(201);
      cases.push(res.body);
    }
    // Act: every escalation runs to its end.
    await runtime.settle();
    // Assess: every escalation went through its levels and ended, SMS or not.
    for (const c of cases) {
      const list = await api(token, 'GET', `/cases/${c.caseId}/escalations`);
      expect(list.body, c.caseNumber).toEqual([
        expect.objectContaining({ reason: 'HIGH_RISK', level: 3, status: 'UNACKNOWLEDGED' }),
      ]);
    }
    // Unbounded, this would be 3 cases × 3 levels × their recipients; capped, at most CAP per IST day.
    const outbox = (await (await fetch(`${runtime.url}/_local/sms`)).json()) as OutboxEntry[];
    const sent = outbox.filter(
      (m) => m.template === 'escalation' && cases.some((c) => m.message.includes(c.caseNumber)),
    );
    const perDay = new Map<string, number>();
    for (const m of sent) perDay.set(m.at.slice(0, 10), (perDay.get(m.at.slice(0, 10)) ?? 0) + 1);
    expect(sent.length).toBeGreaterThan(0);
    for (const [day, n] of perDay) expect(n, day).toBeLessThanOrEqual(CAP);
    // The counter item of the day holds what was taken, never more than the cap.
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint }));
    const day = [...perDay.keys()].at(-1) as string;
    const { Item } = await doc.send(
      new GetCommand({ TableName: runtime.tableName, Key: keys.smsBudget(day, 'osc-gaya-1'), ConsistentRead: true }),
    );
    expect(Item?.sent).toBe(perDay.get(day));
    doc.destroy();
  });
});
