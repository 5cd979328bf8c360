# lint
# `retort lint` 打印给人看的全部文字，以及 `upgrade` 和
# `revision --autogenerate` 打印的问题。`--json` 始终是英文。

## 一个问题：完整形式（`retort lint`）或单行形式（`upgrade`、自动生成）。

lint-finding = { $file }:{ $line }: { $severity } { $code } { $name }：{ $message }
lint-severity-error = 错误
lint-severity-warning = 警告
lint-finding-statement = 语句：{ $statement }
lint-finding-lock = 锁：{ $lock }；{ $blocks }
lint-finding-why = 原因：{ $why }
lint-finding-fix = 安全做法：

## `retort lint` 的最后一行。

lint-summary = { $statements } 条语句中有 { $errors } 个错误、{ $warnings } 个警告
lint-summary-allowed = ，{ $count } 个已由 retort:allow 放行
lint-summary-sqlite = ；SQLite 项目：只运行了与 PostgreSQL 锁无关的规则
lint-summary-sqlite-skipped = ，并跳过了 { $count } 条 PostgreSQL 语法无法解析的 SQLite 语句
lint-summary-postgres = ；PostgreSQL { $version }（来源：{ $source }）
lint-version-from-server = 服务器
lint-version-from-default = 默认值
lint-version-from-no-project = 默认值

## `retort lint --explain CODE`。

lint-explain-level = 默认级别：{ $level }
lint-explain-level-style = 默认级别：{ $level }（风格规则：在 retort.toml 的 [lint] 中开启）
lint-explain-why = 原因：{ $why }
lint-explain-fix = 安全做法：
lint-explain-sqlite = 也适用于 SQLite 项目。

## 命令的错误与提示。

lint-pending-takes-no-revision = --pending 检查数据库尚未应用的修订版本，不接受修订版本参数
lint-unknown-rule = 没有名为 `{ $code }` 的 lint 规则；`retort lint --explain` 会列出全部规则
lint-cannot-read = 无法读取 { $path }：{ $error }
lint-config-unknown-rule = 不是任何 lint 规则；规则有：{ $rules }
lint-config-unknown-rule-near = 不是任何 lint 规则（是否想写 `{ $near }`？）；规则有：{ $rules }
lint-upgrade-heading = lint：待应用的修订版本中有 { $errors } 个错误、{ $warnings } 个警告：
lint-upgrade-hint = （`retort lint --pending` 会显示每条语句所取的锁、问题所在及安全做法；在语句上方写 `-- retort:allow CODE reason` 即可放行）
lint-autogenerate-heading = lint：{ $path } 中有 { $errors } 个错误、{ $warnings } 个警告：
lint-autogenerate-hint = （`retort lint { $path }` 会显示每条语句所取的锁、问题所在及安全做法）

## 无效的 `-- retort:allow` 注释（R090）。

lint-allow-names-no-rule = 未指明规则：请写成 `-- retort:allow CODE reason`
lint-allow-unknown-rule = 指明的 `{ $rule }` 不是任何规则的代码或名称（`retort lint --explain` 会列出全部规则）
lint-allow-no-reason = 未给出理由：请在规则之后写明该语句在此处为何安全（`-- retort:allow { $rules } <reason>`）；该问题仍然有效

## 多条规则共用的锁及其阻塞的操作。

lint-lock-access-exclusive = { $table } 上的 ACCESS EXCLUSIVE 锁
lint-blocks-table-rewrite = 在整个表重写期间阻塞读写
lint-blocks-every-row-checked = 在逐行检查期间阻塞读写
lint-blocks-rename = 短暂阻塞读写（重命名本身是瞬时的）

## 各规则发现的问题。

lint-r000-hit = PostgreSQL 的语法解析器无法读取这条语句：{ $error }
lint-r001-create-index = 在已有的表 { $table } 上 CREATE { $unique }INDEX 而未使用 CONCURRENTLY
lint-r001-create-index-lock = { $table } 上的 SHARE 锁
lint-r001-create-index-blocks = 在整个索引构建期间阻塞该表的 INSERT、UPDATE 和 DELETE
lint-r001-drop-index = DROP INDEX { $indexes } 未使用 CONCURRENTLY
lint-r001-drop-index-lock = 索引所在表上的 ACCESS EXCLUSIVE 锁
lint-r001-drop-index-blocks = 在事务结束前阻塞该表的读写
lint-r001-reindex = REINDEX { $kind } { $name } 未使用 CONCURRENTLY
lint-r001-reindex-lock = { $name } 的索引上的 ACCESS EXCLUSIVE 锁（表上为 SHARE 锁）
lint-r001-reindex-blocks = 在整个重建期间阻塞该表的写入以及使用该索引的读取
lint-r002-hit = 在事务中执行 { $what }：PostgreSQL 会拒绝执行，迁移失败；请将该部分标记为 `no-transaction`
lint-r002-create-index-on = { $table } 上的 CREATE INDEX CONCURRENTLY
lint-r002-statement = { $statement }
lint-r003-hit = 在已有的表 { $table } 上 ADD COLUMN { $column } 会重写整张表：{ $reason }
lint-r003-adds-identity = 新增的是标识列（identity）
lint-r003-adds-generated = 新增的是存储型生成列
lint-r003-adds-serial = 新增的是 serial 列（其默认值调用 nextval()）
lint-r003-volatile-default = 其 DEFAULT 调用了 { $functions }()，该函数是易变的（或无法确认是稳定的），因此每一行都要单独计算值
lint-r003-default-before-11 = PostgreSQL 11 之前（迁移运行在 { $version } 上）任何 DEFAULT 都会写入每一行
lint-r004-hit = 在已有的表 { $table } 上 ADD COLUMN { $column } NOT NULL 而没有 DEFAULT：只要表中有一行数据就会失败
lint-r005-hit = 对 { $table }.{ $column } 执行 SET NOT NULL 会扫描整张表：所检查的迁移中没有已校验的 CHECK (col IS NOT NULL) 事先证明它
lint-r005-hit-before-12 = 对 { $table }.{ $column } 执行 SET NOT NULL 会扫描整张表（PostgreSQL 12 之前即使有已校验的 CHECK 也无法免去扫描）
lint-r006-hit = 在已有的表 { $table } 上 ALTER COLUMN { $column } TYPE { $new }：{ $detail }
lint-r006-using = USING 子句会对每一行重新计算
lint-r006-not-binary-coercible = 从 { $old } 到 { $new } 不是二进制兼容的转换
lint-r006-unknown-type = 所检查的迁移中找不到该列当前的类型；除非这是到 { $new } 的二进制兼容转换，否则每一行都会被重写
lint-r006-blocks = 在整个表重写和索引重建期间阻塞读写
lint-r007-hit = 在已有的表 { $table } 上 ADD CONSTRAINT{ $name } { $kind } 而未使用 NOT VALID：会在持锁期间检查每一行
lint-r007-foreign-key-lock = { $table } 和 { $referenced } 上的 SHARE ROW EXCLUSIVE 锁
lint-r007-foreign-key-blocks = 在逐行检查期间阻塞两张表的 INSERT、UPDATE 和 DELETE
lint-r008-hit = 在以 NOT VALID 添加约束 { $constraint } 的同一事务中对 { $table } 执行 VALIDATE CONSTRAINT：扫描在 ADD 所取的锁下进行
lint-r008-lock = { $table } 上自 ADD 起一直持有的 ACCESS EXCLUSIVE 锁（CHECK）或 SHARE ROW EXCLUSIVE 锁（FOREIGN KEY）
lint-r008-blocks = 在逐行检查期间阻塞写入（CHECK 还会阻塞读取）
lint-r009-hit = 在已有的表 { $table } 上 ADD { $constraint } 会在持有表锁期间构建索引
lint-r009-blocks = 在整个索引构建期间阻塞读写
lint-r010-hit = 将表 { $table } 重命名为 { $new }：正在运行的应用中引用 { $table } 的查询会失败
lint-r011-hit = 将列 { $table }.{ $column } 重命名为 { $new }：正在运行的应用中引用该列的查询会失败
lint-r012-hit = DROP TABLE { $tables }：其中的数据会丢失，正在运行的应用的查询会失败
lint-r012-blocks = 在事务结束前阻塞读写
lint-r013-hit = DROP COLUMN { $table }.{ $column }：该列的值会丢失，引用它的查询会失败
lint-r013-blocks = 短暂阻塞读写（不重写表）
lint-r014-hit = DROP SCHEMA { $schemas }：其中的对象会丢失
lint-r014-hit-cascade = DROP SCHEMA { $schemas } CASCADE：其中的每张表都会连同数据一起被删除
lint-r015-hit = TRUNCATE { $tables } CASCADE 也会清空所有引用它们的表
lint-r015-lock = { $tables } 及所有引用它们的表上的 ACCESS EXCLUSIVE 锁
lint-r015-blocks = 在事务结束前阻塞所有这些表的读写
lint-r016-hit = { $statement } 会重写 { $tables }
lint-r016-hit-every-table = { $statement } 会重写每一张表
lint-r016-lock-every-table = 每一张表上的 ACCESS EXCLUSIVE 锁
lint-r016-blocks = 在整个重写期间阻塞读写
lint-r017-hit = 在已有的{ $what }上执行 DDL 而未设置 lock_timeout：在它等待锁期间，该表的所有查询都会排在它后面等待
lint-r017-table = 表 { $table }{" "}
lint-r017-table-of-index = 索引 { $index } 所在的表
lint-r017-lock = { $what }上的强锁，排在正在运行的事务之后
lint-r017-blocks = 在等待期间阻塞该表之后的所有查询
lint-r018-add-value = 在事务中执行 ALTER TYPE { $type_name } ADD VALUE '{ $value }'：PostgreSQL { $version } 会拒绝执行（从 12 起允许）
lint-r018-uses-new-value = 使用了在同一事务中新增的枚举值 '{ $value }'：在 ADD VALUE 提交之前 PostgreSQL 会拒绝执行
lint-r019-hit = `{ $name }` 长 { $bytes } 字节；PostgreSQL 只保留 `{ $kept }`
lint-style-prefer = 列 { $column } 的类型是 { $type_name }：建议使用 { $prefer }
lint-r104-prefer = text（如有需要，再加一个限制长度的 CHECK）

## 各规则的一句话摘要及其重要性（`--explain`、`原因：`）。

lint-r000-summary = PostgreSQL 语法解析器无法读取的语句
lint-r000-why = retort 使用 PostgreSQL 自己的解析器（libpg_query）检查语句。无法读取的语句不会被猜测：它在服务器上同样会失败，或者用的是其他数据库的语法。
lint-r001-summary = 在已有的表上执行 CREATE INDEX、DROP INDEX 或 REINDEX 而未使用 CONCURRENTLY
lint-r001-why = 普通的 CREATE INDEX 在整个构建期间持有 SHARE 锁：该表上的所有 INSERT、UPDATE 和 DELETE 都要等待，大表上可能长达数分钟。DROP INDEX 和 REINDEX 会取 ACCESS EXCLUSIVE 锁，连读取也会被阻塞。CONCURRENTLY 形式能让应用继续工作（它们不能在事务块中运行，因此该部分要标记为 no-transaction）。
lint-r002-summary = 在事务中执行 CREATE/DROP INDEX CONCURRENTLY 或 REINDEX CONCURRENTLY
lint-r002-why = PostgreSQL 拒绝在事务块中执行 CONCURRENTLY 形式（"cannot run inside a transaction block"）：迁移运行时会失败。除非标记写明 no-transaction，retort 会在事务中运行每个部分。
lint-r003-summary = ADD COLUMN 带有易变的默认值（或 serial、标识列、存储型生成列；PG 11 之前任何默认值）
lint-r003-why = 从 PostgreSQL 11 起，非易变的 DEFAULT 只存储一次，ADD COLUMN 是瞬时的。易变的默认值（random()、gen_random_uuid()、clock_timestamp()、serial 的 nextval()、标识列或存储型生成列）必须为每一行计算：表会在 ACCESS EXCLUSIVE 锁下被重写，重写结束前任何读写都无法进行。PostgreSQL 11 之前任何默认值都会导致重写。
lint-r004-summary = 在已有的表上 ADD COLUMN ... NOT NULL 而没有 DEFAULT
lint-r004-why = 已有的行在新列中会是 NULL，因此只要表中有一行数据，PostgreSQL 就会拒绝该语句（"column contains null values"）：迁移在空的开发数据库上能通过，在生产环境中却会失败。
lint-r005-summary = ALTER COLUMN ... SET NOT NULL 之前没有已校验的 CHECK (col IS NOT NULL)
lint-r005-why = SET NOT NULL 会在持有 ACCESS EXCLUSIVE 锁的同时读取每一行以证明没有 NULL：期间任何读写都无法进行。从 PostgreSQL 12 起，如果已有已校验的 CHECK (col IS NOT NULL) 证明这一点，就会跳过扫描；而该 CHECK 可以先以 NOT VALID 添加，再在不阻塞的情况下校验。
lint-r006-summary = 会重写表及其索引的 ALTER COLUMN ... TYPE
lint-r006-why = 修改列的类型会在 ACCESS EXCLUSIVE 锁下重写每一行并重建表上的每个索引：结束前任何读写都无法进行。只有 PostgreSQL 认定为二进制兼容的转换才会跳过重写：varchar(n) 转为 text 或不限长度、更长的 varchar，text 转为 varchar，numeric(p,s) 转为 q >= p 的 numeric(q,s) 或 numeric，varbit(n) 转为更长的 varbit，cidr 转为 inet。USING 子句总会导致重写。
lint-r007-summary = 在已有的表上 ADD CHECK 或 ADD FOREIGN KEY 而未使用 NOT VALID
lint-r007-why = 添加 CHECK 或 FOREIGN KEY 会在持锁期间检查每一行已有数据：CHECK 持有 ACCESS EXCLUSIVE 锁（无法读写），FOREIGN KEY 在两张表上持有 SHARE ROW EXCLUSIVE 锁（两张表都无法写入）。以 NOT VALID 添加时，约束立即作用于新行；之后的 VALIDATE CONSTRAINT 在 SHARE UPDATE EXCLUSIVE 锁下检查旧行，既不阻塞读取也不阻塞写入。
lint-r008-summary = 在以 NOT VALID 执行 ADD CONSTRAINT 的同一事务中执行 VALIDATE CONSTRAINT
lint-r008-why = NOT VALID 的用意是让扫描稍后在弱锁下进行。在同一事务中，ADD CONSTRAINT 所取的锁（CHECK 为 ACCESS EXCLUSIVE，FOREIGN KEY 为 SHARE ROW EXCLUSIVE）在 VALIDATE 读取每一行时仍然持有：表被阻塞的程度与不用 NOT VALID 完全相同。
lint-r009-summary = 在已有的表上 ADD PRIMARY KEY 或 ADD UNIQUE 而未使用 USING INDEX
lint-r009-why = 约束会在持有 ACCESS EXCLUSIVE 锁期间构建其唯一索引：整个构建期间任何读写都无法进行。应先用 CONCURRENTLY 构建索引，再用 USING INDEX 挂上，这样只会短暂持锁（对主键而言，相关列必须已是 NOT NULL，否则 SET NOT NULL 会扫描全表）。
lint-r010-summary = 重命名已有的表
lint-r010-why = 滚动部署期间旧版本的应用仍在运行，从迁移提交那一刻起，它用旧名称发出的每个查询都会失败。重命名需要过渡：在旧代码全部停止运行之前，让新旧两个名称都能使用。
lint-r011-summary = 重命名已有的列
lint-r011-why = 滚动部署期间旧版本的应用仍在运行，从迁移提交那一刻起，它用旧名称发出的每个查询都会失败。重命名需要过渡：在旧代码全部停止运行之前，让新旧两个名称都能使用。
lint-r012-summary = DROP TABLE 删除已有的表（数据丢失）
lint-r012-why = 迁移提交时数据即已消失，任何降级都无法找回。正在运行的应用对该表的查询会立即失败。只有在代码不再使用该表之后，才在单独的版本中删除它，并做好备份。
lint-r013-summary = DROP COLUMN 删除已有表的列（数据丢失）
lint-r013-why = 迁移提交时该列的值即已消失，任何降级都无法找回。正在运行的应用中引用该列的查询（或通过映射所有列的 ORM 使用 SELECT * 的查询）会失败。应先在一个版本中停止使用该列，再在之后的版本中删除它。
lint-r014-summary = DROP SCHEMA（数据丢失；带 CASCADE 时丢失其中每张表的数据）
lint-r014-why = DROP SCHEMA ... CASCADE 会删除模式中的每张表、视图和函数（包括数据），却不列出它们的名字；任何降级都无法找回。不带 CASCADE 时，除非模式为空，否则会失败。
lint-r015-summary = TRUNCATE ... CASCADE（清空所有有外键指向它的表）
lint-r015-why = CASCADE 还会清空所有有外键指向所列表的表，以及引用这些表的表，却不列出它们的名字：本想清空一张查找表的迁移，可能会清空订单表。它会在所有这些表上持有 ACCESS EXCLUSIVE 锁。
lint-r016-summary = 迁移中的 VACUUM FULL 或 CLUSTER
lint-r016-why = 两者都会在持有 ACCESS EXCLUSIVE 锁的同时重写整张表（及其索引）：完成前任何读写都无法进行，大表上可能长达数分钟到数小时。VACUUM 也不能在事务中运行。日常维护不应放在迁移中。
lint-r017-summary = 在已有的表上执行 DDL 之前没有设置 lock_timeout
lint-r017-why = DDL 语句会排在表上任何长查询或空闲事务之后等待锁，而之后到来的每个查询又会排在该 DDL 之后：一条本该只需几毫秒的语句，会让应用停顿到最老的事务结束为止。设置 lock_timeout 后迁移会快速失败，可以重试。每个部分只报告一次；retort 的 migration_lock_timeout 设置会为每条语句设置它。
lint-r018-summary = PG 12 之前在事务中执行 ALTER TYPE ... ADD VALUE，或在同一事务中使用新增的值
lint-r018-why = PostgreSQL 12 之前，ALTER TYPE ... ADD VALUE 不能在事务块中运行：迁移会失败。从 12 起可以，但新值在事务提交前不能使用（"unsafe use of new value"）：同一事务中之后写入该值的语句会失败。
lint-r019-summary = 超过 63 字节的表、列、索引或约束名
lint-r019-why = PostgreSQL 只保留名称的前 63 字节，其余部分仅以一条 NOTICE 提示后丢弃。前 63 字节相同的两个长名称会冲突，而将模式与代码对比的工具（自动生成、ORM）看到的名称与所写的不同，会一直报告差异。
lint-r090-summary = 没有已知规则或没有理由的 `-- retort:allow` 注释
lint-r090-why = 放行是一个需要后来的读者能够核实的决定：它要写明所放行的规则，并说明该语句在此处为何安全。做不到这一点的注释不会放行任何问题。
lint-r101-summary = 使用 integer 或 smallint 列（以及 serial）而不是 bigint
lint-r101-why = 4 字节的整数键在 21 亿处耗尽，之后再加宽会在 ACCESS EXCLUSIVE 锁下重写表和每个索引。bigint 每行只多占 4 字节。
lint-r102-summary = 使用 serial 列而不是标识列
lint-r102-why = serial 创建的序列在 SQL 标准意义上并不归该列所有：它的权限、所有权以及转储/恢复都与表分开处理。GENERATED ... AS IDENTITY 是标准形式，序列与列保持绑定。
lint-r103-summary = 使用 timestamp（不带时区）而不是 timestamptz
lint-r103-why = 不带时区的 timestamp 存储的是没有时区的挂钟读数：从不同时区的两台服务器或两个会话写入的同一时刻会比较出错，夏令时切换还会造成重复和空缺。timestamptz 存储的是一个确切的时刻。
lint-r104-summary = 使用 varchar(n) 或 char(n) 而不是 text
lint-r104-why = 在 PostgreSQL 中 varchar(n) 就是带长度检查的 text，既不更快也不更小；之后放宽长度限制需要一条取 ACCESS EXCLUSIVE 锁的 ALTER，而 char(n) 会用空格填充。text 加上（如有需要的）长度 CHECK，可以在不重写表的情况下修改。

## 各规则的安全做法（SQL）：只翻译其中的 `--` 注释。

lint-r000-fix =
    -- 修正语法；`psql` 或服务器的错误信息会指向同一位置。
lint-r001-fix =
    -- retort:upgrade no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);
    DROP INDEX CONCURRENTLY IF EXISTS ix_orders_old;
    REINDEX INDEX CONCURRENTLY ix_orders_customer_id;  -- PostgreSQL 12 及以上
lint-r002-fix =
    -- retort:upgrade no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);
lint-r003-fix =
    ALTER TABLE orders ADD COLUMN token uuid;                 -- 瞬时完成
    ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();  -- 新行
    -- 然后在之后的事务中分批回填已有的行：
    UPDATE orders SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;
lint-r004-fix =
    ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';  -- 从 PG 11 起瞬时完成
    -- 或者：先以可空方式添加，分批回填，然后
    ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
    ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;  -- 之后的事务
    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
lint-r005-fix =
    ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
    -- 在之后的事务中（另一个迁移，或 transaction_per_migration = true）：
    ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;  -- 无需扫描（PG 12 及以上）
    ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;
lint-r006-fix =
    -- 能放宽类型时就不要改换类型：
    ALTER TABLE orders ALTER COLUMN note TYPE text;  -- 从 varchar(n) 转换：不重写
    -- 否则：添加一个新类型的列，分批回填，切换
    -- 应用，然后删除旧列。
    ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);
lint-r007-fix =
    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
        FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
    -- 在之后的事务中（另一个迁移）：
    ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
lint-r008-fix =
    -- 迁移 1：
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
    -- 迁移 2（单独的事务：transaction_per_migration = true，或
    -- no-transaction 部分）：
    ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
lint-r009-fix =
    -- retort:upgrade no-transaction
    CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);
    ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;
lint-r010-fix =
    -- 扩展：使用新名称，旧名称保留为视图
    ALTER TABLE orders RENAME TO purchases;
    CREATE VIEW orders AS SELECT * FROM purchases;
    -- 收缩：旧代码全部停止运行之后（之后的迁移）：
    DROP VIEW orders;
lint-r011-fix =
    -- 扩展：添加新列，两列同时写入，回填，切换读取方
    ALTER TABLE orders ADD COLUMN placed_at timestamptz;
    UPDATE orders SET placed_at = created WHERE placed_at IS NULL;  -- 分批进行
    -- 收缩：旧代码全部停止运行之后（之后的迁移）：
    ALTER TABLE orders DROP COLUMN created;
lint-r012-fix =
    -- 第一个版本：停止读写该表；之后的迁移：
    -- retort:allow R012 自版本 42 起不再使用，已备份到 s3://backups/orders_old
    DROP TABLE orders_old;
lint-r013-fix =
    -- 第一个版本：应用不再读写该列；之后：
    -- retort:allow R013 自版本 42 起不再使用
    ALTER TABLE orders DROP COLUMN legacy_code;
lint-r014-fix =
    -- 逐个显式删除模式中的对象，每个都在其最后一次使用之后的版本中删除：
    DROP TABLE reporting.daily_totals;
    DROP SCHEMA reporting;  -- RESTRICT：若仍有对象残留则失败
lint-r015-fix =
    -- 列出每一张要清空的表；不带 CASCADE 时，若仍有其他表
    -- 引用它们，PostgreSQL 会拒绝执行。
    TRUNCATE import_staging, import_staging_rows;
lint-r016-fix =
    -- 普通的 VACUUM（不阻塞读写），在事务之外运行：
    -- retort:upgrade no-transaction
    VACUUM (ANALYZE) orders;
    -- 或者在迁移之外用 pg_repack 扩展在线重建。
lint-r017-fix =
    SET lock_timeout = '5s';
    ALTER TABLE orders ADD COLUMN note text;
    -- 或者在 retort.toml 中为整个项目设置一次：
    -- migration_lock_timeout = "5s"   （配合 migration_lock_retries = 3）
lint-r018-fix =
    -- retort:upgrade no-transaction
    ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
    -- 在之后的迁移中使用 'refunded'（或在该语句之后、事务之外使用）
lint-r019-fix =
    -- 名称保持在 63 字节以内；缩写较长的部分：
    CREATE INDEX ix_orders_customer_created ON orders (customer_id, created_at);
lint-r090-fix =
    -- retort:allow R001 该表只有 40 行，锁只持续几毫秒
    CREATE INDEX ix_small_lookup ON small_lookup (code);
lint-r101-fix =
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, quantity bigint);
lint-r102-fix =
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
lint-r103-fix =
    CREATE TABLE events (happened_at timestamptz NOT NULL DEFAULT now());
lint-r104-fix =
    CREATE TABLE users (email text NOT NULL CHECK (length(email) <= 320));
