/**
 * `who_held_post`: who held a post (or every post) of an institution on a
 * date, or which posts a person held then; each holding cited, as the other
 * answers of queries.ts are.
 */
import { displayName, type SemanticModel } from '../model/model.js';
import type { Person, Post } from '../model/types.js';
import { heldOn, holdingLine, label, resolveDateArgument, resolveInstitution, text, type QueryContext } from './queries.js';
import { QueryError } from './query-error.js';
import { resolveByName } from './resolve.js';

export interface PostQuery {
    post?: string;
    institution?: string;
    person?: string;
    at?: string;
}

export function whoHeldPostAnswer(ctx: QueryContext, query: PostQuery): string {
    const { model } = ctx;
    if (!query.institution && !query.person)
        throw new QueryError('name an institution (and a post of it, or none for all its posts) or a person');
    const institution = query.institution ? resolveInstitution(model, query.institution) : undefined;
    const person = query.person ? resolvePerson(model, query.person) : undefined;
    const post = query.post ? resolvePost(model, query.post) : undefined;
    const date = resolveDateArgument(query.at, ctx.today);
    const holdings = model.holdings.filter(
        h => (!institution || h.institution === institution.key) && (!person || h.person === person.key) && (!post || h.post === post.key)
    );
    const what = [post ? label(model, post.key) : 'the posts', institution && `of ${label(model, institution.key)}`]
        .filter(Boolean)
        .join(' ');
    const then = holdings.filter(h => heldOn(model, h, date));
    const lines = [
        person
            ? `Posts${post || institution ? ` (${what})` : ''} held by ${person.path}${person.title ? ` (${text(person.title)})` : ''} on ${date.text}:`
            : `Who held ${what} on ${date.text}:`
    ];
    if (then.length > 0) lines.push(...then.map(h => holdingLine(ctx, h, date)));
    else lines.push(person ? 'none recorded then.' : `no one is recorded in ${post ? 'that post' : 'them'} then.`);
    // What the model records at other dates: an assistant may have asked for a year just outside someone's term.
    const other = holdings.filter(h => !then.includes(h));
    if (other.length > 0) lines.push('At other dates:', ...other.map(h => holdingLine(ctx, h)));
    return lines.join('\n');
}

/** A person by key, name, title or a name in another language (exact, any case), else by part of one. */
export function resolvePerson(model: SemanticModel, name: string): Person {
    const namesOf = (p: Person) => [p.key, p.path, p.name, p.title ?? '', ...p.names.map(n => n.value)].filter(Boolean);
    return resolveByName(name, {
        what: 'person',
        items: [...model.people.values()],
        exactNames: namesOf,
        partNames: namesOf,
        describe: p => p.path
    });
}

/** A post by key, name or title (exact, any case), else by part of its title. */
export function resolvePost(model: SemanticModel, name: string): Post {
    const posts = [...model.posts.values()];
    return resolveByName(name, {
        what: 'post',
        items: posts,
        describe: p => `${displayName(model, p.key)} (${text(p.title ?? p.name)})`,
        afterward: () => ` The posts are: ${posts.map(p => displayName(model, p.key)).join(', ')}`
    });
}
