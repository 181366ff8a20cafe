# Aurora Global Database: one writer region and one read-only secondary region
# with storage-level replication (typically under one second of lag).
#
# The caller passes two providers:
#   providers = {
#     aws           = aws            # primary region
#     aws.secondary = aws.us_west_2  # secondary region
#   }

locals {
  port                 = var.engine == "aurora-postgresql" ? 5432 : 3306
  primary_identifier   = "${var.global_cluster_identifier}-primary"
  secondary_identifier = "${var.global_cluster_identifier}-secondary"

  create_secondary_kms_key = var.storage_encrypted && var.secondary.kms_key_id == null
  secondary_kms_key_id     = local.create_secondary_kms_key ? aws_kms_key.secondary[0].arn : var.secondary.kms_key_id
}

data "aws_region" "primary" {}

data "aws_region" "secondary" {
  provider = aws.secondary
}

resource "aws_rds_global_cluster" "this" {
  global_cluster_identifier = var.global_cluster_identifier
  engine                    = var.engine
  engine_version            = var.engine_version
  database_name             = var.database_name
  storage_encrypted         = var.storage_encrypted
  deletion_protection       = var.deletion_protection
}

################################################################################
# Primary region (writer)
################################################################################

resource "aws_db_subnet_group" "primary" {
  name       = local.primary_identifier
  subnet_ids = var.primary.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "primary" {
  name_prefix = "${local.primary_identifier}-"
  description = "Access to the ${local.primary_identifier} Aurora cluster"
  vpc_id      = var.primary.vpc_id

  ingress {
    description     = "Database clients"
    from_port       = local.port
    to_port         = local.port
    protocol        = "tcp"
    security_groups = var.primary.allowed_security_group_ids
    cidr_blocks     = var.primary.allowed_cidr_blocks
  }

  tags = merge(var.tags, { Name = local.primary_identifier })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = local.primary_identifier
  global_cluster_identifier = aws_rds_global_cluster.this.id
  engine                    = aws_rds_global_cluster.this.engine
  engine_version            = aws_rds_global_cluster.this.engine_version
  database_name             = var.database_name
  master_username           = var.master_username
  master_password           = var.master_password
  port                      = local.port

  db_subnet_group_name   = aws_db_subnet_group.primary.name
  vpc_security_group_ids = [aws_security_group.primary.id]

  storage_encrypted = var.storage_encrypted
  kms_key_id        = var.kms_key_id

  backup_retention_period   = var.backup_retention_period
  preferred_backup_window   = var.preferred_backup_window
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${local.primary_identifier}-final"
  copy_tags_to_snapshot     = true

  tags = var.tags
}

resource "aws_rds_cluster_instance" "primary" {
  count = var.primary.instance_count

  identifier           = "${local.primary_identifier}-${count.index + 1}"
  cluster_identifier   = aws_rds_cluster.primary.id
  instance_class       = var.instance_class
  engine               = aws_rds_cluster.primary.engine
  engine_version       = aws_rds_cluster.primary.engine_version
  db_subnet_group_name = aws_db_subnet_group.primary.name

  tags = var.tags
}

################################################################################
# Secondary region (read-only)
################################################################################

resource "aws_kms_key" "secondary" {
  count    = local.create_secondary_kms_key ? 1 : 0
  provider = aws.secondary

  description             = "Storage encryption of the ${local.secondary_identifier} Aurora cluster"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  tags = var.tags
}

resource "aws_db_subnet_group" "secondary" {
  provider = aws.secondary

  name       = local.secondary_identifier
  subnet_ids = var.secondary.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "secondary" {
  provider = aws.secondary

  name_prefix = "${local.secondary_identifier}-"
  description = "Access to the ${local.secondary_identifier} Aurora cluster"
  vpc_id      = var.secondary.vpc_id

  ingress {
    description     = "Database clients"
    from_port       = local.port
    to_port         = local.port
    protocol        = "tcp"
    security_groups = var.secondary.allowed_security_group_ids
    cidr_blocks     = var.secondary.allowed_cidr_blocks
  }

  tags = merge(var.tags, { Name = local.secondary_identifier })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "secondary" {
  provider = aws.secondary

  cluster_identifier        = local.secondary_identifier
  global_cluster_identifier = aws_rds_global_cluster.this.id
  engine                    = aws_rds_global_cluster.this.engine
  engine_version            = aws_rds_global_cluster.this.engine_version
  port                      = local.port

  db_subnet_group_name   = aws_db_subnet_group.secondary.name
  vpc_security_group_ids = [aws_security_group.secondary.id]

  storage_encrypted = var.storage_encrypted
  kms_key_id        = local.secondary_kms_key_id

  backup_retention_period = var.backup_retention_period
  preferred_backup_window = var.preferred_backup_window
  deletion_protection     = var.deletion_protection
  skip_final_snapshot     = true # the primary holds the data and its snapshots
  copy_tags_to_snapshot   = true

  tags = var.tags

  # The secondary can only join once the primary has a writer instance.
  depends_on = [aws_rds_cluster_instance.primary]

  lifecycle {
    ignore_changes = [replication_source_identifier]
  }
}

resource "aws_rds_cluster_instance" "secondary" {
  count    = var.secondary.instance_count
  provider = aws.secondary

  identifier           = "${local.secondary_identifier}-${count.index + 1}"
  cluster_identifier   = aws_rds_cluster.secondary.id
  instance_class       = var.instance_class
  engine               = aws_rds_cluster.secondary.engine
  engine_version       = aws_rds_cluster.secondary.engine_version
  db_subnet_group_name = aws_db_subnet_group.secondary.name

  tags = var.tags
}
