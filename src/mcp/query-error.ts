/** A question the model cannot answer as asked (an unknown name, a bad date): said to the assistant as a tool error. */
export class QueryError extends Error {}
