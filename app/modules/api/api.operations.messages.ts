// What each /api/v1 operation does, for the OpenAPI document and the reference page. A key is the
// operation's id (see openapi.server.ts); `.detail` is its longer description where it needs one.
export const apiOperationMessagesZh = {
  "api.tag.needs": "需求",
  "api.tag.applications": "申请",
  "api.tag.offers": "成果与服务",
  "api.tag.services": "星创天地服务",
  "api.tag.search": "搜索",
  "api.tag.programmes": "扶持项目",
  "api.tag.pairings": "结对帮扶",
  "api.tag.bans": "禁止承担名单",
  "api.tag.commissioners": "科技特派员",
  "api.op.getVentures": "领办、创办、联办项目",
  "api.op.getVentures.detail":
    "经县科技局或市科技局核实的科技特派员（团队）领办、创办、联办项目：承办人、方式、合作组织、县区、起止日期、股份及填报成效合计。无需令牌，按来访地址限流。可按 countyCode、role（LEAD/FOUNDED/JOINT）筛选。",
  "api.tag.villages": "村庄",
  "api.tag.dashboard": "数据看板",
  "api.tag.messages": "消息",
  "api.tag.agreements": "协议",
  "api.tag.milestones": "里程碑与争议",
  "api.tag.wallets": "钱包与账单",
  "api.tag.webhooks": "Webhook 事件（乡科发给你的请求）",

  "api.op.getNeeds": "已发布的需求",
  "api.op.getNeeds.detail":
    "与 /needs 页面相同的筛选和排序（状态默认为 OPEN；sort 可为 newest 最新、deadline 截止最近、budget 预算最高；空值排最后，并列按 id）。",
  "api.op.getNeedsId": "查看一条需求",
  "api.op.postNeeds": "发布需求",
  "api.op.postNeeds.detail": "创建需求草稿；intent 为 publish 时立即发布（照片请在网页上添加）。",
  "api.op.getNeedsIdMatches": "需求的推荐",
  "api.op.getNeedsIdMatches.detail": "为发布者管理的需求推荐成果与专家。",
  "api.op.postNeedsIdApplications": "申请需求",
  "api.op.postNeedsIdApplications.detail": "专家申请一条开放的需求（价格以元填写，与表单相同）。",
  "api.op.getApplications": "我的申请",
  "api.op.getApplications.detail": "作为专家提交的申请，最近变动的在前。",

  "api.op.getOffers": "已发布的成果与服务",
  "api.op.getOffers.detail":
    "与 /offers 页面相同的筛选；sort 可为 newest 最新、price_asc 最低价从低到高、price_desc 最高价从高到低；未标价的排最后，并列按 id。",
  "api.op.getOffersId": "查看一项成果或服务",
  "api.op.getOffersId.detail": "已发布的对所有人可见；草稿和已撤下的只有其提供方可见。",
  "api.op.postOffers": "发布成果或服务",
  "api.op.postOffers.detail":
    "与“发布成果”表单相同的字段和规则：价格以元填写，留空表示面议。不填 organisationId 时以专家本人名义发布，填写时以所属机构名义发布（须为该机构成员）。intent 为 publish 时立即发布，否则保存为草稿。",
  "api.op.putOffersId": "修改成果或服务",
  "api.op.putOffersId.detail":
    "以表单的全部字段替换内容，状态不变；intent 为 publish 时把草稿或已撤下的重新发布。提供方不会改变，organisationId 会被忽略。",
  "api.op.postOffersIdPublish": "发布（或重新发布）成果或服务",
  "api.op.postOffersIdPublish.detail": "草稿或已撤下的可以发布；提供方须已通过认证。",
  "api.op.postOffersIdWithdraw": "撤下成果或服务",
  "api.op.postOffersIdWithdraw.detail": "已发布的撤下后不再对外显示，可以再次发布。",

  "api.op.postServices": "新增星创天地服务",
  "api.op.postServices.detail":
    "与“新增服务”表单相同的字段和规则：价格以元填写，勾选 free 时不读取价格。管理多个星创天地时须填写 organisationId。intent 为 publish 时立即发布（星创天地须已认证）。",
  "api.op.getServices": "已发布的星创天地服务",
  "api.op.getServices.detail":
    "按发布时间从新到旧；可按服务类别 category、服务县区 county、产业 industry（未限产业的服务适合任何产业）、星创天地 space、免费 free=1、已认证 verified=1 和关键词 q 筛选。",
  "api.op.getServicesId": "查看一项星创天地服务",
  "api.op.getServicesId.detail": "已发布的对所有人可见；草稿和已撤下的只有该星创天地的账号可见。",
  "api.op.putServicesId": "修改星创天地服务",
  "api.op.putServicesId.detail":
    "以表单的全部字段替换内容，状态不变；intent 为 publish 时把草稿或已撤下的重新发布。所属星创天地不会改变。",
  "api.op.postServicesIdPublish": "发布（或重新发布）星创天地服务",
  "api.op.postServicesIdPublish.detail": "草稿或已撤下的可以发布；星创天地须已通过认证。",
  "api.op.postServicesIdWithdraw": "撤下星创天地服务",
  "api.op.postServicesIdWithdraw.detail": "已发布的撤下后不再对外显示，可以再次发布。",

  "api.op.getSearch": "全文搜索",
  "api.op.getSearch.detail":
    "与 /search 页面相同的搜索和分面（type 为 needs、offers、experts 或 services；每页 20 条）。搜索引擎按页排序：nextCursor 携带下一页的页码，翻页时请保持其他参数不变。",
  "api.op.getProgrammes": "已发布的扶持项目",
  "api.op.getProgrammes.detail": "开放申报的在前。",
  "api.op.getPairings": "高校、科研院所结对帮扶（公开）",
  "api.op.getPairings.detail":
    "已同意的结对（帮扶中或已结束），无需令牌，按来访地址限流：单位、结对县区或村、每年承诺以及各期报告累计完成数（FUNDING_FEN 以分计）。countyCode 按县区筛选，status 为 ACTIVE 或 ENDED。",
  "api.op.getVillages": "村庄及逐年状态（公开）",
  "api.op.getVillages.detail":
    "各村的县区、乡镇、村名和逐年状态（POOR 贫困村、LIFTED 当年出列、NOT_POOR 非贫困村），无需令牌，按来访地址限流。county 按县区代码筛选，township 按乡镇名称筛选。不含任何贫困户信息。",
  "api.op.getBans": "禁止承担科技项目名单（公开）",
  "api.op.getBans.detail":
    "与 /bans 页面相同的公开名单，无需令牌，按来访地址限流。默认返回执行中及近一年内期满或解除的决定（status 标明）；activeAt=YYYY-MM-DD 只返回当天在执行的。name 按单位名称查找，creditCode 按 18 位统一社会信用代码查找。个人只给出姓名，不含电话、证件号。",
  "api.op.getProgrammesId": "查看一个已发布的扶持项目",
  "api.op.postProgrammesIdApplications": "申报扶持项目",
  "api.op.postProgrammesIdApplications.detail":
    "以我所在的组织申报（金额以元填写，与表单相同）。在派科技特派员可将 organisationId 填为 self（本人申报）或 team:<团队 id>（牵头人代表团队申报），项目须接受该类申报主体。",
  "api.op.getDashboard": "数据看板",
  "api.op.getBenefitLinkages": "利益联结汇总",
  "api.op.getBenefitLinkages.detail":
    "按单位、联结方式（分红、务工工资、土地流转租金、订单收购、入股）和支付月份汇总的利益联结支付：户数、笔数和金额，不含农户个人信息。县区干部只得到本县区。",
  "api.op.getDashboard.detail": "市科技局按年度、县区和产业的统计数据（仅限科技局和管理员）。",
  "api.op.getConversations": "我的会话",
  "api.op.getConversations.detail": "最近的在前（并列按 id），附未读数。",
  "api.op.getConversationsIdMessages": "会话中的消息",
  "api.op.getConversationsIdMessages.detail":
    "按时间从早到晚，返回序号 after 之后（或上一页 cursor 之后）的消息；仅限会话参与者。",
  "api.op.postConversationsIdMessages": "发送文字消息",
  "api.op.postConversationsIdMessages.detail":
    "以相同 clientId 重发时返回已保存的消息（created 为 false），不会重复投递。",
  "api.op.getAgreements": "我参与的协议",
  "api.op.getAgreements.detail": "我作为任一方的协议，最近变动的在前，附条款摘要和里程碑。",
  "api.op.getAgreementsId": "查看一份协议",
  "api.op.getAgreementsId.detail": "附条款摘要和里程碑。",
  "api.op.postMilestonesIdFund": "托管里程碑资金",
  "api.op.postMilestonesIdFund.detail": "付款方从其钱包向该里程碑的托管账户注资。",
  "api.op.postMilestonesIdSubmit": "提交里程碑成果",
  "api.op.postMilestonesIdSubmit.detail": "专家附说明提交成果（照片请在网页上添加）。",
  "api.op.postMilestonesIdAccept": "验收里程碑",
  "api.op.postMilestonesIdAccept.detail": "付款方验收成果，托管资金转入专家钱包。",
  "api.op.postMilestonesIdReject": "退回里程碑成果",
  "api.op.postMilestonesIdReject.detail": "付款方说明理由后退回成果。",
  "api.op.postMilestonesIdDispute": "对里程碑提出争议",
  "api.op.postMilestonesIdDispute.detail": "任一方暂停该里程碑，交由科技局裁决。",
  "api.op.postMilestonesIdResolve": "裁决争议",
  "api.op.postMilestonesIdResolve.detail":
    "科技局工作人员裁决：托管资金中 payeeFen（整数，单位分）给专家，其余退还付款方。",
  "api.op.getDisputes": "待裁决的争议",
  "api.op.getDisputes.detail": "等待裁决的里程碑争议，最早的在前（仅限科技局和管理员）。",
  "api.op.getWallets": "我的钱包",
  "api.op.getWallets.detail": "我的钱包和我管理的组织的钱包，附余额。",
  "api.op.getWalletsAccountIdStatement": "账户流水",
  "api.op.getWalletsAccountIdStatement.detail":
    "最新的在前，筛选与 /wallet 页面相同（from、to 为 YYYY-MM-DD；reason）。",

  "api.doc.info":
    "乡科开放接口。金额为整数（分）；时间为 ISO 8601；错误为 RFC 9457 problem+json，按 Accept-Language 以中文或英文说明。路径不支持的请求方法返回 405（problem+json，code 为 api.method_not_allowed），Allow 头列出可用的方法。本文档以中文为准，每处说明的英文在同级的 x-summary-en / x-description-en 字段。",
  "api.doc.public": "公开接口。",
  "api.doc.scope": "令牌权限范围：{scope}。",
  "api.doc.permission": "角色权限：{permission}。",
  "api.doc.key_required": "必须带 Idempotency-Key 请求头。",
  "api.doc.key_optional":
    "可带 Idempotency-Key 请求头：重试时返回第一次的结果，同一个键配不同的请求内容会被拒绝（409）。",
  "api.doc.key_header": "安全重试：相同的键返回第一次的结果",
  "api.doc.bad_request": "参数或请求体无效；errors 指出每个字段",
  "api.doc.not_found": "找不到",
  "api.doc.rate_limited": "超过频率限制",
  "api.doc.unauthorized": "缺少令牌，或令牌未知、已撤销、已过期",
  "api.doc.forbidden": "令牌缺少权限范围，或此人的角色不允许",
  "api.doc.conflict": "与当前状态冲突，或同一个 Idempotency-Key 配了不同的请求内容",
  "api.doc.bearer": "个人访问令牌（xk_…），在 /account/tokens 创建；其权限范围限制能做的事",
  "api.doc.cookie": "网页登录会话；拥有全部权限范围，仍由此人的角色决定",
  "api.doc.webhook":
    "乡科向订阅了该事件的组织的 webhook 地址 POST 这个请求。请求体是 JSON：id（投递编号，重试时不变）、event、occurredAt 和 data。收到后请先用原始请求体校验 XiangKe-Signature，再解析 JSON；返回 2xx 表示已收到，其他状态或超时会按退避重试（30 秒到 24 小时，共 8 次）。",
  "api.doc.webhook_event": "事件名，与请求体的 event 相同",
  "api.doc.webhook_delivery": "投递编号，与请求体的 id 相同；重放的投递有新的编号",
  "api.doc.webhook_signature":
    't=<Unix 秒>,v1=<十六进制 HMAC-SHA256(密钥, "<t>.<原始请求体>")>。密钥在注册 webhook 时显示一次。请用常数时间比较，并拒绝与当前时间相差超过 5 分钟的 t。',
  "api.doc.webhook_received": "已收到；其他状态会重试",
  "api.docs.webhooks": "Webhook 事件",
  "api.docs.webhooks_intro":
    "组织在 /orgs/…/webhooks 订阅事件后，乡科会把下列事件 POST 到它的地址，并用 XiangKe-Signature 头签名。",
  "api.docs.headers": "请求头",
  "api.docs.payload": "请求体",
  "api.docs.language":
    "本页随网站语言切换；OpenAPI 文档以中文为准，英文在 x-summary-en / x-description-en 字段。",
  "api.tag.brands": "品牌孵化",
  "api.op.getBrands": "品牌项目及其阶段、合作机构和交易（公开）",
  "api.op.getBrands.detail":
    "与 /brands 页面相同的公开信息，无需令牌，按来访地址限流。每个品牌项目给出当前阶段（RESEARCH 调研、DESIGN 设计、TRADEMARK_FILING 商标申请、LAUNCH 上市、UPGRADING 品牌提升、TRADING 品牌交易）及各阶段时间、品牌所有者和孵化方、合作机构（CREATIVE 文化创意、TRADEMARK 商标、IP 知识产权，及其状态）和交易（LICENCE 许可、TRANSFER 转让，价格以分计）。county 按县区代码筛选，stage 按阶段筛选。",
  "api.tag.towns": "特色小镇",
  "api.op.getTowns": "特色小镇及其项目（公开）",
  "api.op.getTowns.detail":
    "与 /towns 页面相同的公开信息，无需令牌，按来访地址限流。每个小镇给出生态、功能、产业、环境四部分规划、状态（PLANNING 规划中、BUILDING 建设中、ACTIVE 已建成、SUSPENDED 已暂停）和关联项目（DEMO_SITE 示范点、BRAND_PROJECT 品牌项目、PROGRAMME_APPLICATION 科技项目，附编号）。county 按县区代码筛选，status 按状态筛选。",
};
