/**
 * What ends a sentence in a report's text: 。！？； and their ASCII forms (a line break ends one
 * too). One list for compare mode's repeated sentences and the rules' reading of copied text.
 */
export const sentenceEnders = '。！？；!?;';
