################################################################################
# Cluster
################################################################################

variable "cluster_name" {
  description = "Name of the EKS cluster"
  type        = string
}

variable "cluster_endpoint" {
  description = "Endpoint for your Kubernetes API server"
  type        = string
}

variable "cluster_version" {
  description = "Kubernetes `<major>.<minor>` version to use for the EKS cluster (i.e.: `1.30`)"
  type        = string
}

variable "oidc_provider_arn" {
  description = "The ARN of the cluster OIDC Provider"
  type        = string
}

variable "create_delay_duration" {
  description = "The duration to wait before creating resources"
  type        = string
  default     = "30s"
}

variable "create_delay_dependencies" {
  description = "Dependency attribute which must be resolved before starting the `create_delay_duration`"
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "A map of tags to add to all resources"
  type        = map(string)
  default     = {}
}

################################################################################
# EKS managed add-ons
################################################################################

variable "eks_addons" {
  description = <<-EOT
    Map of EKS add-on configurations to enable for the cluster.
    The key is the add-on name (`vpc-cni`, `coredns`, `kube-proxy`, ...).

    Set `most_recent = true` to track the newest version the cluster supports;
    otherwise pin `addon_version`.
  EOT
  type = map(object({
    name                        = optional(string) # defaults to the map key
    addon_version               = optional(string)
    most_recent                 = optional(bool, false)
    configuration_values        = optional(string) // JSON, validated by EKS
    preserve                    = optional(bool, true)
    resolve_conflicts_on_create = optional(string, "OVERWRITE")
    resolve_conflicts_on_update = optional(string, "OVERWRITE")
    service_account_role_arn    = optional(string)
    pod_identity_association = optional(list(object({
      role_arn        = string
      service_account = string
    })), [])
    timeouts = optional(object({
      create = optional(string)
      update = optional(string)
      delete = optional(string)
    }), {})
    tags = optional(map(string), {})
  }))
  default = {}
}

variable "eks_addons_timeouts" {
  description = "Create, update, and delete timeout configurations for the EKS add-ons"
  type        = map(string)
  default     = {}
}

################################################################################
# Helm releases
################################################################################

variable "helm_releases" {
  description = <<-EOT
    A map of Helm releases to create. This provides the ability to pass in an arbitrary map of Helm chart definitions to create.

    Keys of `set` and `set_sensitive` use Helm's dotted path syntax,
    e.g. `controller.service.annotations.service\.beta\.kubernetes\.io/aws-load-balancer-type`.
  EOT
  type = map(object({
    name             = optional(string)
    description      = optional(string)
    namespace        = optional(string, "default")
    create_namespace = optional(bool, false)
    chart            = string
    chart_version    = optional(string)
    repository       = optional(string)
    values           = optional(list(string), [])
    timeout          = optional(number, 300) # seconds
    atomic           = optional(bool, false)
    wait             = optional(bool, true)
    set = optional(list(object({
      name  = string
      value = string
      type  = optional(string) # "auto" or "string"
    })), [])
    set_sensitive = optional(list(object({
      name  = string
      value = string
    })), [])
    postrender = optional(object({
      binary_path = string
      args        = optional(list(string), [])
    }))
  }))
  default = {}
}

variable "helm_repository_credentials" {
  description = "Credentials for private chart repositories, keyed by repository URL."
  type = map(object({
    username = string
    password = string
  }))
  default   = {}
  sensitive = true
}

################################################################################
# AWS Load Balancer Controller
################################################################################

variable "enable_aws_load_balancer_controller" {
  description = "Enable AWS Load Balancer Controller add-on"
  type        = bool
  default     = false
}

variable "aws_load_balancer_controller" {
  description = <<-EOT
    AWS Load Balancer Controller add-on configuration values.

    | Key | Meaning |
    |-----|---------|
    | `chart_version` | Helm chart version |
    | `values` | Extra values files, as YAML strings |
  EOT
  type        = any
  default     = {}
}

variable "load_balancer_controller_replicas" {
  description = "Replicas of the controller (2 or more for high availability)"
  type        = number
  default     = 2

  validation {
    condition     = var.load_balancer_controller_replicas >= 1 && var.load_balancer_controller_replicas <= 5
    error_message = "Run between 1 and 5 replicas."
  }
}

################################################################################
# Cluster Autoscaler / Karpenter
################################################################################

variable "enable_cluster_autoscaler" {
  description = "Enable Cluster autoscaler add-on"
  type        = bool
  default     = false
}

variable "cluster_autoscaler" {
  description = "Cluster Autoscaler add-on configuration values"
  type        = any
  default     = {}
}

variable "enable_karpenter" {
  description = "Enable Karpenter controller add-on"
  type        = bool
  default     = false
}

variable "karpenter" {
  description = "Karpenter add-on configuration values"
  type        = any
  default     = {}
}

variable "karpenter_node_pools" {
  description = <<EOF
Karpenter NodePools, keyed by pool name.
Each pool selects instance types by category, generation and capacity type;
the default pool runs general purpose on-demand and spot instances.
EOF
  type = map(object({
    weight = optional(number, 10)
    requirements = object({
      instance_category   = optional(list(string), ["c", "m", "r"])
      instance_generation = optional(number, 5) # strictly greater than
      capacity_type       = optional(list(string), ["on-demand"])
      architecture        = optional(list(string), ["amd64"])
    })
    limits = optional(object({
      cpu    = optional(string, "1000")
      memory = optional(string, "1000Gi")
    }), {})
    disruption = optional(object({
      consolidation_policy = optional(string, "WhenEmptyOrUnderutilized")
      consolidate_after    = optional(string, "1m")
      budgets = optional(list(object({
        nodes    = string
        schedule = optional(string) # cron, UTC
        duration = optional(string)
      })), [{ nodes = "10%" }])
    }), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
  }))
  default = {
    default = {
      requirements = {
        capacity_type = ["on-demand", "spot"]
      }
    }
  }
}

variable "karpenter_enable_spot_termination" {
  description = "Determines whether to enable native node termination handling"
  type        = bool
  default     = true
}

################################################################################
# Storage
################################################################################

variable "enable_aws_efs_csi_driver" {
  description = "Enable AWS EFS CSI Driver add-on"
  type        = bool
  default     = false
}

variable "aws_efs_csi_driver" {
  description = "EFS CSI Driver add-on configuration values"
  type        = any
  default     = {}
}

variable "storage_classes" {
  description = "Storage classes created next to the CSI drivers, keyed by class name."
  type = map(object({
    provisioner            = string
    reclaim_policy         = optional(string, "Delete")
    volume_binding_mode    = optional(string, "WaitForFirstConsumer")
    allow_volume_expansion = optional(bool, true)
    is_default             = optional(bool, false)
    parameters             = optional(map(string), {})
  }))
  default = {
    gp3 = {
      provisioner = "ebs.csi.aws.com"
      is_default  = true
      parameters = {
        type      = "gp3"
        encrypted = "true"
      }
    }
  }
  nullable = false
}

################################################################################
# DNS and certificates
################################################################################

variable "enable_external_dns" {
  description = "Enable external-dns operator add-on"
  type        = bool
  default     = false
}

variable "external_dns" {
  description = "external-dns add-on configuration values"
  type        = any
  default     = {}
}

variable "external_dns_route53_zone_arns" {
  description = "List of Route53 zones ARNs which external-dns will have access to create/manage records (if using Route53)"
  type        = list(string)
  default     = []
}

variable "enable_cert_manager" {
  description = "Enable cert-manager add-on"
  type        = bool
  default     = false
}

variable "cert_manager" {
  description = "cert-manager add-on configuration values"
  type        = any
  default     = {}
}

variable "cert_manager_route53_hosted_zone_arns" {
  description = "List of Route53 Hosted Zone ARNs that are used by cert-manager to create DNS records"
  type        = list(string)
  default     = ["arn:aws:route53:::hostedzone/*"]
}

variable "cert_manager_cluster_issuers" {
  description = "ACME cluster issuers cert-manager creates, keyed by issuer name."
  type = map(object({
    server = optional(string, "https://acme-v02.api.letsencrypt.org/directory")
    email  = string
    solvers = list(object({
      dns01 = optional(object({
        route53 = object({
          region         = string
          hosted_zone_id = optional(string)
          // assume this role for cross-account zones
          role = optional(string)
        })
      }))
      selector = optional(object({
        dns_zones = optional(list(string), [])
      }), {})
    }))
  }))
  default = {}
}

################################################################################
# Secrets
################################################################################

variable "enable_external_secrets" {
  description = "Enable External Secrets operator add-on"
  type        = bool
  default     = false
}

variable "external_secrets" {
  description = "External Secrets add-on configuration values"
  type        = any
  default     = {}
}

variable "external_secrets_ssm_parameter_arns" {
  description = "List of Systems Manager Parameter ARNs that contain secrets to mount using External Secrets"
  type        = list(string)
  default     = ["arn:aws:ssm:*:*:parameter/*"]
}

variable "external_secrets_kms_key_arns" {
  description = "List of KMS Key ARNs that are used by Secrets Manager that contain secrets to mount using External Secrets"
  type        = list(string)
  default     = ["arn:aws:kms:*:*:key/*"]
}

variable "argocd_admin_password" {
  description = "Initial password of the Argo CD `admin` user (bcrypt hashed before it is stored)."
  type        = string
  default     = null
  sensitive   = true
}

variable "registry_pull_token" {
  description = "Token the image pull secret is created from; read at apply time only."
  type        = string
  sensitive   = true
  ephemeral   = true
}

################################################################################
# Observability
################################################################################

variable "enable_metrics_server" {
  description = "Enable metrics server add-on"
  type        = bool
  default     = false
}

variable "metrics_server" {
  description = "Metrics Server add-on configuration values"
  type        = any
  default     = {}
}

variable "enable_aws_for_fluentbit" {
  description = "Enable AWS for FluentBit add-on"
  type        = bool
  default     = false
}

variable "aws_for_fluentbit" {
  description = "AWS Fluentbit add-on configurations"
  type        = any
  default     = {}
}

variable "aws_for_fluentbit_cw_log_group" {
  description = "AWS Fluentbit CloudWatch Log Group configurations"
  type = object({
    create            = optional(bool, true)
    name              = optional(string)
    retention_in_days = optional(number, 90)
    kms_key_id        = optional(string)
  })
  default = {}
}

variable "kube_prometheus_stack" {
  description = "Kube Prometheus Stack add-on configuration values"
  type        = any
  default     = {}
}

variable "kube_prometheus_stack_values" {
  description = "Values for the kube-prometheus-stack chart, merged after the module's own."
  type        = string
  default     = <<-EOT
    prometheus:
      prometheusSpec:
        retention: 15d
    grafana:
      enabled: false
  EOT
}

################################################################################
# GitOps
################################################################################

variable "enable_argocd" {
  description = "Enable Argo CD Kubernetes add-on"
  type        = bool
  default     = false
}

variable "argocd" {
  description = "Argo CD add-on configuration values"
  type        = any
  default     = {}
}

variable "argocd_applications" {
  description = <<-DESC
    Argo CD applications bootstrapped with the add-on, keyed by application name.

    Each application points at a path of a Git repository:
      repo_url + path @ revision
    `sync_policy.automated` turns on automatic sync.
  DESC
  type = map(object({
    project   = optional(string, "default")
    repo_url  = string
    path      = string
    revision  = optional(string, "HEAD")
    namespace = string
    sync_policy = optional(object({
      automated = optional(object({
        prune     = optional(bool, true)
        self_heal = optional(bool, true)
      }))
      sync_options = optional(list(string), ["CreateNamespace=true"])
    }), {})
  }))
  default = {}
}
