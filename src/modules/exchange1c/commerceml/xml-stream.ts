import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';

/** A small element tree, built only for the records the importer reads (a product, an offer…). */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

/** Local name of a possibly prefixed XML name: `cml:Товар` → `Товар` (namespaces vary between 1C versions). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A copy of a parsed string that shares no memory with the input. Text from the parser is a substring of the
 * decoded 256 KB chunk, and V8 keeps a substring of 13+ characters as a pointer into its parent: one id kept
 * for the whole import (the writer remembers every product id and SKU) would pin its whole chunk, so a
 * 190 MB file ended up held in memory piece by piece. Prepending a character and slicing it off makes V8
 * flatten into a fresh string of the value's own size.
 */
export const own = (value: string): string => (value.length < 13 ? value : ` ${value}`.slice(1));

/** The encoding of a file from its byte-order mark or its XML prolog; UTF-8 when neither says. */
export async function detectEncoding(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
    const prolog = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.toString('latin1'));
    const declared = prolog?.[1]?.toLowerCase() ?? 'utf-8';
    if (!iconv.encodingExists(declared)) throw new CommerceMlError(`unsupported encoding ${declared}`);
    return declared;
  } finally {
    await handle.close();
  }
}

/** A file the importer refuses: not XML, not CommerceML, truncated, or with values it cannot read. */
export class CommerceMlError extends Error {
  override name = 'CommerceMlError';
}

/** Decides which elements are records: given the open elements' local names (outermost first), true = collect. */
export type RecordPicker = (path: readonly string[]) => boolean;

export interface StreamHandlers {
  /** Called for each collected record with the local names of its ancestors. */
  record(node: XNode, path: readonly string[]): void;
  /** Called when an element that is not inside a record opens (for package attributes). */
  open?(name: string, attrs: Record<string, string>, path: readonly string[]): void;
  /** Text of an element that is not inside a record (e.g. `<СодержитТолькоИзменения>true</…>`). */
  text?(name: string, text: string, path: readonly string[]): void;
  /** Awaited after each chunk of input, so the consumer can write a batch (back-pressure). */
  drain?(): Promise<void>;
}

/**
 * Streams an XML file through saxes, decoding it with iconv-lite, and hands over record subtrees one by one.
 * Memory stays bounded by the largest record, never by the file. Throws CommerceMlError on malformed,
 * truncated or non-CommerceML input.
 */
export async function streamXml(path: string, pick: RecordPicker, handlers: StreamHandlers): Promise<void> {
  const encoding = await detectEncoding(path);
  const decoder = iconv.getDecoder(encoding);
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: string[] = [];
  const nodes: XNode[] = [];
  let recordDepth = -1;
  let text = '';
  let sawRoot = false;
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'КоммерческаяИнформация') {
        error ??= new CommerceMlError('not a CommerceML file (root is not KommercheskayaInformatsiya)');
      }
    }
    const attrs: Record<string, string> = {};
    if (recordDepth < 0 && pick([...stack, name])) recordDepth = stack.length;
    for (const [key, value] of Object.entries(tag.attributes as Record<string, string>))
      attrs[local(key)] = recordDepth >= 0 ? own(value) : value;
    if (recordDepth >= 0) {
      const node: XNode = { name, attrs, children: [], text: '' };
      nodes[nodes.length - 1]?.children.push(node);
      nodes.push(node);
    } else {
      handlers.open?.(name, attrs, stack);
    }
    stack.push(name);
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    if (recordDepth >= 0) {
      const node = nodes.pop();
      if (node) {
        if (node.children.length === 0 || !node.text) node.text = own(text.trim());
        if (stack.length === recordDepth) {
          recordDepth = -1;
          handlers.record(node, stack);
        }
      }
    } else if (text.trim()) {
      handlers.text?.(name, text.trim(), stack);
    }
    text = '';
  });
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of input) {
      const decoded = decoder.write(chunk as Buffer);
      if (decoded) parser.write(decoded);
      if (error) break;
      await handlers.drain?.();
    }
    if (!error) {
      const rest = decoder.end();
      if (rest) parser.write(rest);
      parser.close();
    }
  } catch (e) {
    // A handler's own error (a bad value, a database error while writing) is not an XML problem: pass it on.
    if (!error) throw e;
  } finally {
    input.destroy();
  }
  if (!error && !sawRoot) error = new CommerceMlError('empty file');
  if (error) {
    if (error instanceof CommerceMlError) throw error;
    throw new CommerceMlError(`not well-formed XML: ${firstLine(error.message)}`);
  }
}

const firstLine = (message: string) => message.split('\n')[0]?.slice(0, 200) ?? 'parse error';

/** The first child with a local name, or undefined. */
export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Children with a local name. */
export function childrenOf(node: XNode | undefined, name: string): XNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** Text of the first child with a local name ('' when absent). */
export function textOf(node: XNode | undefined, name: string): string {
  return child(node, name)?.text ?? '';
}
