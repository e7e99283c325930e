/**
 * Words that say nothing about what a need or offer is about. They are dropped from every query
 * (unless nothing else is left, so "服务" alone still finds something) and never shown as the
 * reason for a match. Before this list existed, `q=不` matched 34 of 60 needs and recommendations
 * gave 可以, 指导 and 技术 as reasons.
 *
 * Two kinds: the function words and filler of a question as farmers type or speak it
 * ("请问一下我们村的苹果树叶子发黄怎么办啊"), and the marketplace's own vocabulary, which almost
 * every listing contains whatever its subject (技术, 服务, 专家, 需求 …).
 */
const FUNCTION_WORDS = `
  的 地 得 了 着 过 是 在 和 与 及 以及 或 或者 而 而且 并 并且 但 但是 因为 所以 如果 就是 还是
  我 我们 我家 俺 俺们 咱 咱们 你 你们 您 他 她 他们 它 它们 自己 大家 这 这个 这些 这样 这种 那 那个
  那些 那样 那种 哪 哪个 哪些 哪里 哪儿 啥 什么 怎么 怎么样 怎样 怎么办 如何 为什么 为啥 咋 咋办 咋整
  咋弄 多少 几 有 有没有 没有 没 不 不是 不会 不能 也 都 就 还 又 再 才 很 太 挺 非常 特别 比较 最 更
  要 想 想要 需要 能 能不能 可 可以 可不可以 会 应该 得 该 让 把 被 给 从 对 向 跟 同 为 为了 于 等
  等等 之 其 此 个 些 一 一个 一些 一下 一点 有点 一直 已经 正在 现在 今年 去年 最近 时候 里 上 下 中
  请 请问 麻烦 帮 帮忙 帮助 帮我 找 找个 求 求助 问 问下 问一下 咨询 问题 办法 方法 解决 处理 情况 东西
  事 事情 知道 告诉 看看 看 说 做 搞 弄 用 用什么 呢 吗 吧 啊 呀 哦 嘛 哈 哟 呗 么 啦 喔 嗯
`;

const MARKETPLACE_WORDS = `
  技术 服务 专家 指导 合作 提供 项目 需求 相关 方面 工作 开展 进行 实现 提高 提升 加强 推进 推广 支持
  希望 计划 主要 具有 能力 经验 内容 要求 单位 负责 联系 对接 资源 平台 发展 建设 管理 专业 团队
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${MARKETPLACE_WORDS}`.split(/\s+/).filter(Boolean),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
