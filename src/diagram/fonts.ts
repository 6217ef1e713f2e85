/**
 * The faces every picture Polity draws names, in order: Helvetica's metrics
 * first (Graphviz measures labels with them), then the common CJK faces of
 * each platform, so that Chinese names render as text and not as boxes.
 */
export const FONT_STACK =
    'Helvetica,Arial,Liberation Sans,Nimbus Sans,Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif';
