import { crc32, deflateRawSync } from 'node:zlib';

/** One answer of the exchange: its status line and the rest. */
export interface ExchangeAnswer {
  status: string;
  lines: string[];
  httpStatus: number;
  contentType: string;
}

/**
 * Talks the 1C "Обмен с сайтом" protocol to a listening server, as 1C does: checkauth with HTTP Basic, then
 * the cookie it got; files in chunks of `file_limit` (or smaller); import repeated while the answer is progress.
 */
export class ExchangeClient {
  cookie = '';
  sessid = '';
  fileLimit = 0;

  constructor(
    readonly baseUrl: string,
    readonly login: string,
    readonly password: string,
    readonly type: 'catalog' | 'sale' = 'catalog',
  ) {}

  /** One request; returns the parsed plain-text answer. */
  async request(
    query: string,
    init: { method?: string; body?: Buffer; auth?: boolean } = {},
  ): Promise<ExchangeAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (init.auth)
      headers.authorization = `Basic ${Buffer.from(`${this.login}:${this.password}`).toString('base64')}`;
    if (init.body) headers['content-type'] = 'application/octet-stream';
    const response = await fetch(`${this.baseUrl}/api/1c/exchange?${query}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ? new Uint8Array(init.body) : undefined,
    });
    const text = await response.text();
    const [status = '', ...lines] = text.split('\n');
    return {
      status,
      lines,
      httpStatus: response.status,
      contentType: response.headers.get('content-type') ?? '',
    };
  }

  async checkauth(): Promise<ExchangeAnswer> {
    const answer = await this.request(`type=${this.type}&mode=checkauth`, { auth: true });
    if (answer.status === 'success') {
      this.cookie = `${answer.lines[0]}=${answer.lines[1]}`;
      this.sessid = answer.lines[2]?.replace(/^sessid=/, '') ?? '';
    }
    return answer;
  }

  /** mode=init; newer 1C names the schema version it wants (type=sale). */
  async init(version?: string): Promise<ExchangeAnswer> {
    const answer = await this.request(
      `type=${this.type}&mode=init${version ? `&version=${encodeURIComponent(version)}` : ''}`,
    );
    this.fileLimit = Number(answer.lines.find((l) => l.startsWith('file_limit='))?.split('=')[1] ?? 0);
    return answer;
  }

  /** Uploads a file in chunks of `chunk` bytes (1C splits by file_limit). */
  async upload(
    filename: string,
    data: Buffer,
    chunk = this.fileLimit || data.length,
  ): Promise<ExchangeAnswer> {
    let answer: ExchangeAnswer | undefined;
    for (let at = 0; at < data.length; at += chunk) {
      answer = await this.request(`type=${this.type}&mode=file&filename=${encodeURIComponent(filename)}`, {
        method: 'POST',
        body: data.subarray(at, at + chunk),
      });
      if (answer.status !== 'success') return answer;
    }
    return answer as ExchangeAnswer;
  }

  /** mode=import repeated until the answer is not progress. */
  async import(filename: string, maxSteps = 500): Promise<ExchangeAnswer & { steps: number }> {
    for (let steps = 1; steps <= maxSteps; steps++) {
      const answer = await this.request(
        `type=${this.type}&mode=import&filename=${encodeURIComponent(filename)}`,
      );
      if (answer.status !== 'progress') return { ...answer, steps };
    }
    throw new Error(`import of ${filename} still in progress after ${maxSteps} steps`);
  }
}

/** type=sale&mode=query: the orders XML as text, with the answer's status and content type. */
export async function saleQuery(
  client: ExchangeClient,
): Promise<{ httpStatus: number; contentType: string; xml: string }> {
  const response = await fetch(`${client.baseUrl}/api/1c/exchange?type=sale&mode=query`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  return {
    httpStatus: response.status,
    contentType: response.headers.get('content-type') ?? '',
    xml: await response.text(),
  };
}

/** A ZIP archive of the given files (deflated), as 1C sends with zip=yes. */
export function zipOf(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
