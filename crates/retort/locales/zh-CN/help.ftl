# 命令行帮助（英文即 clap 定义本身，见 crates/retort-cli/src/cli.rs）。
# cmd-<命令路径> 是命令的说明，arg-<命令路径>-<参数> 是参数的说明，
# arg-retort-<参数> 是每个命令都有的选项。

help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    用法：{"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-usage = 用法：
help-heading-commands = 命令
help-heading-options = 选项
help-heading-arguments = 参数

clap-more-information = 更多信息请运行 '--help'。
clap-did-you-mean = （您是不是想用 '{ $suggestion }'？）
clap-possible-values = 可选值：{ $values }
clap-invalid-value = 参数 '{ $arg }' 的值 '{ $value }' 无效{ $detail }
clap-reason = ：{ $reason }
clap-unknown-argument = 未知的参数 '{ $arg }'
clap-unknown-command = 未知的命令 '{ $command }'
clap-missing-argument = 缺少必需的参数：{ $arg }
clap-missing-command = 缺少命令
clap-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 一起使用
clap-no-equals = 参数 '{ $arg }' 的值须用 '=' 连接
clap-wrong-number-of-values = 参数 '{ $arg }' 的值个数不对
clap-invalid-utf8 = 命令行含有无效的 UTF-8
clap-other = 命令行有误：{ $detail }

# 命令与参数的说明
arg-check-dev_url = 加载模式文件所用临时数据库的服务器
arg-check-no_cache = 即使已缓存相同的加载结果，也重新加载目标模式（RETORT_CACHE_DIR=off 可彻底关闭缓存）
arg-check-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-completions-shell = bash、zsh、fish、elvish 或 powershell
arg-current-check_heads = 数据库未处于所有 head 时失败
arg-current-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-diff-dev_url = 加载模式文件所用临时数据库的服务器
arg-diff-from = 数据库 URL 或模式文件（默认：数据库）
arg-diff-no_cache = 即使已缓存相同的加载结果，也重新加载目标模式（RETORT_CACHE_DIR=off 可彻底关闭缓存）
arg-diff-to = 数据库 URL 或模式文件（默认：目标模式）
arg-diff-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-downgrade-allow_edited = 接受文件已被修改的已应用迁移，并记录其新的校验和
arg-downgrade-exec = 入口点模式（仅限 upgrade）：迁移完成后以此程序替换 retort 进程，使其能接收容器的信号。设置 RETORT_SKIP_MIGRATION=true（或 SKIP_MIGRATION=true）时只启动该程序
arg-downgrade-lock_timeout = 其他进程持有迁移锁超过 SECONDS 秒时放弃
arg-downgrade-migration_lock_retries = 某一步触发 --migration-lock-timeout 且其事务已整体回滚时，重新运行该步，最多 N 次（migration_lock_retries）
arg-downgrade-migration_lock_timeout = PostgreSQL：迁移语句等待表锁超过 SECONDS 秒时使其失败（retort.toml 中的 migration_lock_timeout）
arg-downgrade-migration_statement_timeout = PostgreSQL：迁移语句运行超过 SECONDS 秒时使其失败（retort.toml 中的 migration_statement_timeout）
arg-downgrade-revision = 目标修订版本（`head`、`-1`、`ae1+2`、`branch@head`，配合 --sql 时还可用 `A:B` 等）
arg-downgrade-sql = 打印 SQL 而不执行
arg-downgrade-tag = 任意标签，记录在已应用迁移的日志中
arg-downgrade-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-downgrade-yes = 降级时：不经询问直接删除含有数据的表和列（仍会打印警告）
arg-edit-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-ensure_version-sql = 打印 SQL 而不执行
arg-ensure_version-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-erd-dev_url = 加载模式文件所用临时数据库的服务器
arg-erd-from = 改为绘制此数据库 URL 或模式文件
arg-erd-no_cache = 即使已缓存相同的加载结果，也重新加载目标模式（RETORT_CACHE_DIR=off 可彻底关闭缓存）
arg-erd-output = 写入此文件而非标准输出
arg-erd-target = 绘制目标模式（retort.toml 中的 target_schema）而非数据库
arg-erd-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-graph-current = 标出所配置的数据库当前所在的位置（指定 --url 时默认开启）
arg-graph-format = svg、mermaid 或 dot（默认：按 --output 文件的扩展名，否则为 svg）
arg-graph-output = 写入此文件而非标准输出
arg-graph-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-heads-resolve_dependencies = 将依赖视为父修订版本（down revision）
arg-history-indicate_current = 标出数据库的当前修订版本
arg-history-rev_range = 范围 START:END（两端均可省略）
arg-history-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-import-alembic-baseline = 不逐个转换修订版本，而是为每个 head 写一个文件，包含该 head 处的完整模式（使用该 head 的修订版本号，没有父修订版本）
arg-import-alembic-dev_url = 用于重放需要连接的修订版本的临时数据库所在的 PostgreSQL 服务器（默认：dev_url，否则为项目的 URL）
arg-import-alembic-dialect = 生成的 SQL 方言（默认：项目 URL 对应的方言）
arg-import-alembic-force = 覆盖已存在的文件
arg-import-alembic-ini = Alembic 配置文件（默认：当前目录下的 alembic.ini）
arg-import-alembic-ini_section = 要读取的配置节
arg-import-alembic-into = 写入的目录（默认：项目的 versions 目录）
arg-import-alembic-versions = Alembic 修订版本文件所在的目录，不经 alembic.ini 直接读取
arg-init-directory = 要创建的迁移目录（默认：migrations），同 `alembic init DIR`；retort.toml 放在当前目录
arg-lint-explain = 解释一条规则（代码或名称）：它发现什么、原因及安全的做法。不指定代码时：列出所有规则
arg-lint-pending = 只检查数据库（--url 或配置中的数据库）尚未应用的修订版本，并按 `upgrade` 一次运行它们的方式检查
arg-lint-rules_table = 打印 README 中的规则表（Markdown）
arg-lint-targets = 要检查的修订版本（`ae1`、`head`，或按 `upgrade --sql` 方式解读的范围 `ae1:head`）和 `.sql` 文件；未指定时检查所有修订版本
arg-lint-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-man-subcommand = 子命令，显示其单独的手册页
arg-merge-revisions = 要合并的修订版本（如 `heads`）
arg-pending-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-retort-config = 配置文件（默认：逐级向上查找的 retort.toml；或 $RETORT_CONFIG）
arg-retort-env = 使用配置中 [env.NAME] 环境的覆盖设置
arg-retort-help = 打印帮助
arg-retort-json = 命令有可供读取的结果时，以 JSON 格式输出
arg-retort-lang = 消息的语言：en 或 zh-CN（默认：$RETORT_LANG，否则按区域设置 LC_ALL / LC_MESSAGES / LANG）
arg-retort-no_dotenv = 不读取 retort.toml 旁的 .env 文件（用于 {"${VAR}"} 和 DATABASE_URL）
arg-retort-quiet = 只打印错误
arg-retort-url = 数据库 URL（优先于 DATABASE_URL 和配置）
arg-retort-version = 打印版本
arg-retort-x = 额外的 KEY=VALUE 参数，同 Alembic 的 -x
arg-revision-allow_empty = 配合 --autogenerate：即使没有任何变更也写入文件
arg-revision-autogenerate = 根据数据库与目标模式的差异自动生成修订版本内容
arg-revision-branch_label = 新修订版本的分支标签
arg-revision-depends_on = 新修订版本所依赖的修订版本或标签
arg-revision-dev_url = 加载模式文件所用临时数据库的服务器
arg-revision-head = 新修订版本所基于的 head（配合 --splice 时可为其他修订版本）
arg-revision-message = 说明（即文件的第一行注释及文件名中的 slug）
arg-revision-no_cache = 即使已缓存相同的加载结果，也重新加载目标模式（RETORT_CACHE_DIR=off 可彻底关闭缓存）
arg-revision-rename = 配合 --autogenerate：将表（OLD_TABLE=NEW_TABLE）或列（TABLE.OLD=NEW）视为重命名，而非删除后再添加；可多次指定
arg-revision-rev_id = 使用此修订版本号，而非随机生成
arg-revision-splice = 允许从非 head 的修订版本创建新分支
arg-revision-version_path = 新文件写入的目录
arg-revision-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-show-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-stamp-allow_edited = 接受文件已被修改的已应用迁移，并记录其新的校验和
arg-stamp-lock_timeout = 其他进程持有迁移锁超过 SECONDS 秒时放弃
arg-stamp-migration_lock_retries = 某一步触发 --migration-lock-timeout 且其事务已整体回滚时，重新运行该步，最多 N 次（migration_lock_retries）
arg-stamp-migration_lock_timeout = PostgreSQL：迁移语句等待表锁超过 SECONDS 秒时使其失败（retort.toml 中的 migration_lock_timeout）
arg-stamp-migration_statement_timeout = PostgreSQL：迁移语句运行超过 SECONDS 秒时使其失败（retort.toml 中的 migration_statement_timeout）
arg-stamp-purge = 先清空版本表
arg-stamp-revisions = 要标记的修订版本（`-1` 之类是修订版本，不是选项）
arg-stamp-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-upgrade-allow_edited = 接受文件已被修改的已应用迁移，并记录其新的校验和
arg-upgrade-exec = 入口点模式（仅限 upgrade）：迁移完成后以此程序替换 retort 进程，使其能接收容器的信号。设置 RETORT_SKIP_MIGRATION=true（或 SKIP_MIGRATION=true）时只启动该程序
arg-upgrade-lock_timeout = 其他进程持有迁移锁超过 SECONDS 秒时放弃
arg-upgrade-migration_lock_retries = 某一步触发 --migration-lock-timeout 且其事务已整体回滚时，重新运行该步，最多 N 次（migration_lock_retries）
arg-upgrade-migration_lock_timeout = PostgreSQL：迁移语句等待表锁超过 SECONDS 秒时使其失败（retort.toml 中的 migration_lock_timeout）
arg-upgrade-migration_statement_timeout = PostgreSQL：迁移语句运行超过 SECONDS 秒时使其失败（retort.toml 中的 migration_statement_timeout）
arg-upgrade-revision = 目标修订版本（`head`、`-1`、`ae1+2`、`branch@head`，配合 --sql 时还可用 `A:B` 等）
arg-upgrade-sql = 打印 SQL 而不执行
arg-upgrade-tag = 任意标签，记录在已应用迁移的日志中
arg-upgrade-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
arg-upgrade-yes = 降级时：不经询问直接删除含有数据的表和列（仍会打印警告）
arg-verify-dev_url = 加载模式文件所用临时数据库的服务器
arg-verify-from = 先不加校验地升级到此修订版本，再校验其后的修订版本
arg-verify-no_cache = 即使已缓存相同的加载结果，也重新加载目标模式（RETORT_CACHE_DIR=off 可彻底关闭缓存）
arg-verify-to = 校验到此修订版本为止（含该版本），而非到所有 head
arg-verify-wait = 首次连接失败时持续重试，最长 SECONDS 秒（每 2 秒一次）；也可写作 `30s`、`5m`
cmd-backups = 列出升级和降级前所做的备份（retort.toml 中的 `backup`），最新的在前
cmd-branches = 显示分支点
cmd-check = 比较数据库与目标模式：一致时退出码为 0，有差异时为 1
cmd-completions = 打印 shell 补全脚本：`source <(retort completions bash)`
cmd-current = 显示数据库当前所在的修订版本
cmd-diff = 打印将一个模式变为另一个模式的 SQL（默认：从数据库到目标模式）
cmd-downgrade = 降级到之前的修订版本
cmd-edit = 在 $EDITOR 中打开修订版本文件
cmd-ensure_version = 创建版本表（若不存在）
cmd-erd = 以 Mermaid 实体关系图展示模式：数据库的（默认）或目标模式的
cmd-graph = 绘制修订版本图：SVG（默认）、Mermaid 或 DOT
cmd-heads = 显示当前的 head 修订版本
cmd-help = 打印此信息或指定子命令的帮助
cmd-help-backups = 列出升级和降级前所做的备份（retort.toml 中的 `backup`），最新的在前
cmd-help-branches = 显示分支点
cmd-help-check = 比较数据库与目标模式：一致时退出码为 0，有差异时为 1
cmd-help-completions = 打印 shell 补全脚本：`source <(retort completions bash)`
cmd-help-current = 显示数据库当前所在的修订版本
cmd-help-diff = 打印将一个模式变为另一个模式的 SQL（默认：从数据库到目标模式）
cmd-help-downgrade = 降级到之前的修订版本
cmd-help-edit = 在 $EDITOR 中打开修订版本文件
cmd-help-ensure_version = 创建版本表（若不存在）
cmd-help-erd = 以 Mermaid 实体关系图展示模式：数据库的（默认）或目标模式的
cmd-help-graph = 绘制修订版本图：SVG（默认）、Mermaid 或 DOT
cmd-help-heads = 显示当前的 head 修订版本
cmd-help-history = 按时间顺序列出修订版本
cmd-help-import = 将其他工具的迁移历史转换为 retort 迁移文件
cmd-help-import-alembic = 转换 Alembic 历史：每个修订版本一个 .sql 文件，修订版本号、父修订版本、分支标签和依赖均保持不变
cmd-help-init = 创建新项目：retort.toml、migrations/versions/ 及模板
cmd-help-lint = 检查迁移中会锁住使用中的表、丢失数据或执行失败的语句：有错误级别的问题时退出码为 1
cmd-help-man = 打印手册页（roff）：`retort man | man -l -`；`retort man upgrade` 打印 retort-upgrade(1)
cmd-help-merge = 将两个或多个 head 合并为一个修订版本
cmd-help-pending = 按 head 列出尚未应用的修订版本，最早的在前。已处于所有 head 时退出码为 0，落后时为 3
cmd-help-revision = 创建新的修订版本文件
cmd-help-show = 显示一个修订版本
cmd-help-stamp = 将版本表设为指定的修订版本，不运行任何迁移
cmd-help-upgrade = 升级到较新的修订版本
cmd-help-verify = 在临时数据库上校验每个修订版本：升级、降级、比较、再次升级；然后将各 head 与目标模式比较。全部通过时退出码为 0，否则为 1
cmd-history = 按时间顺序列出修订版本
cmd-import = 将其他工具的迁移历史转换为 retort 迁移文件
cmd-import-alembic = 转换 Alembic 历史：每个修订版本一个 .sql 文件，修订版本号、父修订版本、分支标签和依赖均保持不变
cmd-import-help-alembic = 转换 Alembic 历史：每个修订版本一个 .sql 文件，修订版本号、父修订版本、分支标签和依赖均保持不变
cmd-init = 创建新项目：retort.toml、migrations/versions/ 及模板
cmd-lint = 检查迁移中会锁住使用中的表、丢失数据或执行失败的语句：有错误级别的问题时退出码为 1
cmd-man = 打印手册页（roff）：`retort man | man -l -`；`retort man upgrade` 打印 retort-upgrade(1)
cmd-merge = 将两个或多个 head 合并为一个修订版本
cmd-pending = 按 head 列出尚未应用的修订版本，最早的在前。已处于所有 head 时退出码为 0，落后时为 3
cmd-retort = 兼容 Alembic 的纯 SQL 数据库迁移
cmd-revision = 创建新的修订版本文件
cmd-show = 显示一个修订版本
cmd-stamp = 将版本表设为指定的修订版本，不运行任何迁移
cmd-upgrade = 升级到较新的修订版本
cmd-verify = 在临时数据库上校验每个修订版本：升级、降级、比较、再次升级；然后将各 head 与目标模式比较。全部通过时退出码为 0，否则为 1

# 多个命令共用的 fleet 选项
arg-common-fleet = 在 retort.toml 的 [fleet]（或 [fleet.NAME]）中的每个目标上运行
arg-common-targets = 在 FILE 列出的目标上运行：每行一个 `URL` 或 `URL SCHEMA`，`#` 开头为注释
arg-common-jobs = fleet：同时运行的目标数（默认：该 fleet 的 `jobs`，否则为 4）
arg-common-jobs_per_server = fleet：对同一服务器同时打开的连接数（默认：该 fleet 的 `jobs_per_server`，否则为 --jobs）
arg-common-fail_fast = fleet：第一个目标失败后不再启动新的目标
arg-common-max_failures = fleet：失败的目标达到 N 个（或达到整个 fleet 的某一比例，如 `5%`，向上取整）后不再启动新的目标
arg-common-canary = fleet：先运行 N 个目标，全部成功后才运行其余目标
