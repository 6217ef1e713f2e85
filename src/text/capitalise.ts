/** The text with its first letter in capitals: a message or heading that starts with a word of its own. */
export function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
