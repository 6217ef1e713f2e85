import { codePointNotation, UNSAFE } from './characters.js';

/** Text from a model or a file name, made safe to print on one terminal line: unsafe characters become `\u{…}`. */
export function printable(text: string): string {
    return text.replace(UNSAFE, codePointNotation);
}
