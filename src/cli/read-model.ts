import { constants, promises as fs, type Stats } from 'node:fs';
import { TextDocument } from 'langium';
import { MAX_FILE_CHARS } from '../language/parser-limits.js';
import { errorCode, UsageError } from './errors.js';

/**
 * The most bytes a file can have and still hold no more than the parser reads:
 * UTF-8 takes at most three bytes per UTF-16 unit. Anything larger the parser
 * would refuse anyway, so it is refused before a byte is read.
 */
export const MAX_FILE_BYTES = 3 * MAX_FILE_CHARS;

/** A model file as read: its text, and what it was on disk then (so that a writer can keep it). */
export interface ReadFile {
    text: string;
    stat: Stats;
}

/**
 * Reads a model file's bytes once, through one open handle: a FIFO, a device or
 * a folder is refused without waiting or reading, the read stops past
 * `MAX_FILE_BYTES` whatever the file claims its size is, and text that is not
 * UTF-8 is refused with where its first bad byte is. `name` is how messages name the file.
 */
export async function readModelFile(file: string, name: string): Promise<ReadFile> {
    // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
    const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(error => {
        throw new UsageError(`${name}: cannot read file (${errorCode(error)})`);
    });
    try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new UsageError(`${name}: not a regular file (${kindOf(stat)}); name .polity files or folders`);
        if (stat.size > MAX_FILE_BYTES) throw tooLarge(name, stat.size);
        // One byte past the limit (`end` is inclusive), to tell a file that grew, or reports no size as /proc does, from one that fits.
        const chunks: Buffer[] = [];
        try {
            for await (const chunk of handle.createReadStream({ start: 0, end: MAX_FILE_BYTES, autoClose: false }))
                chunks.push(chunk as Buffer);
        } catch (error) {
            throw new UsageError(`${name}: cannot read file (${errorCode(error)})`);
        }
        const bytes = Buffer.concat(chunks);
        if (bytes.length > MAX_FILE_BYTES) throw tooLarge(name, bytes.length);
        return { text: decodeModelText(bytes, name), stat };
    } finally {
        await handle.close();
    }
}

// Fatal, so that a bad byte is an error and never a silent U+FFFD; a byte order mark stays in the text.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** A model file's bytes as text; bytes that are not UTF-8 are refused with the line and column of the first. */
export function decodeModelText(bytes: Uint8Array, name: string): string {
    try {
        return strict.decode(bytes);
    } catch {
        const { index, byte, text } = firstBadByte(bytes);
        const { line, character } = TextDocument.create('', '', 0, text).positionAt(index);
        throw new UsageError(
            `${name}:${line + 1}:${character + 1}: not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}); ` +
                'Polity reads UTF-8 only: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)'
        );
    }
}

/**
 * Where decoding first went wrong. The lenient decoder replaces each bad
 * sequence with one U+FFFD, and everything before the first is decoded
 * exactly, so the first U+FFFD that the file does not spell out itself
 * (as EF BF BD) marks the first bad byte.
 */
function firstBadByte(bytes: Uint8Array): { index: number; byte: number; text: string } {
    const text = lenient.decode(bytes);
    let index = 0;
    let offset = 0;
    for (let next = text.indexOf('\uFFFD'); next >= 0; next = text.indexOf('\uFFFD', next + 1)) {
        offset += Buffer.byteLength(text.slice(index, next));
        const genuine = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
        if (!genuine) return { index: next, byte: bytes[offset]!, text }; // the U+FFFD stands for the byte there
        offset += 3;
        index = next + 1;
    }
    throw new Error('firstBadByte: the bytes decode without error');
}

function tooLarge(name: string, bytes: number): UsageError {
    return new UsageError(
        `${name}: ${(bytes / 1_000_000).toFixed(1)} MB, too large; Polity reads files of up to ` +
            `${MAX_FILE_CHARS / 1_000_000} million characters. Split it into several files of one model`
    );
}

/** What a path is when it is not a regular file, in words. */
export function kindOf(stat: Stats): string {
    return stat.isDirectory()
        ? 'a folder'
        : stat.isFIFO()
          ? 'a named pipe'
          : stat.isCharacterDevice()
            ? 'a character device'
            : stat.isBlockDevice()
              ? 'a block device'
              : stat.isSocket()
                ? 'a socket'
                : 'not a file';
}
